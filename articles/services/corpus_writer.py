"""Bulk writes for ``generate_corpus``: COPY on PostgreSQL, bulk_create elsewhere.

Rows are unsaved model instances with their primary keys already set, or plain tuples
of named columns for the link tables nothing else reads, so both paths write the same
values. COPY skips the ORM's per-row work, which is what makes 100,000 articles
(millions of rows) fit in minutes; its text is made by ``BulkWriter.payload``, which
needs no connection, so the processes building rows make it too.

On PostgreSQL the load follows the manual's advice for populating a database: every
foreign key of the loaded tables and every index that backs no constraint (trigram,
GIN, secondary b-trees) is dropped before the load and made again after it, in the same
transaction. One index build and one validating join per foreign key cost far less
than maintaining them row by row and queuing millions of deferred checks. Primary keys,
unique and check constraints stay. ``restore_schema`` makes exactly what
``drop_secondary_schema`` read from the catalog, so a later migration's index comes
back too.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models

# Session settings for the rebuild (``SET LOCAL``: they end with the transaction).
# Index builds sort in memory and b-tree builds use parallel workers; the foreign-key
# checks are hash anti-joins.
REBUILD_SETTINGS = {
    "maintenance_work_mem": "1GB",
    "max_parallel_maintenance_workers": "2",
    "work_mem": "256MB",
}


def uses_copy() -> bool:
    return connection.vendor == "postgresql"


# COPY's text format: a tab between columns, a newline after each row, \N for NULL,
# and these characters escaped inside a value (the backslash first).
_COPY_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))


def _escape(text: str) -> str:
    # str.replace finds a character with memchr; str.translate looks up every one.
    for character, escaped in _COPY_ESCAPES:
        if character in text:
            text = text.replace(character, escaped)
    return text


def _copy_text(value) -> str:
    """One value in COPY's text format (the types the corpus writes)."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, str):
        return _escape(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    raise TypeError(f"No COPY text for {type(value).__name__}: {value!r}")


def _copy_json(value) -> str:
    if value is None:
        return "\\N"
    return _escape(json.dumps(value, cls=DjangoJSONEncoder))


@dataclass(frozen=True)
class Rows:
    """Rows of ``model`` as tuples of ``columns`` (attribute names, the pk first);
    fields left out take their model default."""

    model: type[models.Model]
    columns: tuple[str, ...]
    values: list[tuple] = field(default_factory=list)


class BulkWriter:
    """Writes rows a model at a time: ``bulk_create`` (any database), or on PostgreSQL
    COPY of a payload that ``payload`` prepared, possibly in another process (it
    needs no database connection)."""

    def __init__(self) -> None:
        self._plans: dict[tuple, list] = {}
        self.rows_written = 0

    def _plan(self, model, columns: tuple[str, ...] | None) -> list:
        """Per column: (attribute name or row index or None, to-text function,
        constant text for a column the rows leave out)."""
        key = (model, columns)
        if key not in self._plans:
            plan = []
            for f in model._meta.concrete_fields:
                to_text = _copy_json if isinstance(f, models.JSONField) else _copy_text
                if columns is None:
                    plan.append((f.attname, to_text, None))
                elif f.attname in columns:
                    plan.append((columns.index(f.attname), to_text, None))
                else:
                    plan.append((None, to_text, to_text(f.get_default())))
            self._plans[key] = plan
        return self._plans[key]

    def payload(self, model, objs: list) -> bytes:
        """COPY text of model instances."""
        lines = []
        plan = self._plan(model, None)
        for obj in objs:
            lines.append(
                "\t".join(to_text(getattr(obj, name)) for name, to_text, _c in plan)
            )
        return ("\n".join(lines) + "\n").encode() if lines else b""

    def rows_payload(self, rows: Rows) -> bytes:
        """COPY text of tuples of named columns (no model instance is made)."""
        lines = []
        plan = self._plan(rows.model, rows.columns)
        for row in rows.values:
            lines.append(
                "\t".join(
                    to_text(row[index]) if index is not None else constant
                    for index, to_text, constant in plan
                )
            )
        return ("\n".join(lines) + "\n").encode() if lines else b""

    def copy(self, model, payload: bytes, count: int) -> None:
        """Send a payload of ``count`` rows of ``model`` with COPY (PostgreSQL)."""
        if not payload:
            return
        self.rows_written += count
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in model._meta.concrete_fields)
        statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            copy.write(payload)

    def write(self, model, objs: list) -> None:
        """Write model instances now: COPY on PostgreSQL, bulk_create elsewhere."""
        if not objs:
            return
        if uses_copy():
            self.copy(model, self.payload(model, objs), len(objs))
            return
        self.rows_written += len(objs)
        model._base_manager.bulk_create(objs, batch_size=500)

    def write_rows(self, rows: Rows) -> None:
        if not rows.values:
            return
        if uses_copy():
            self.copy(rows.model, self.rows_payload(rows), len(rows.values))
            return
        self.rows_written += len(rows.values)
        rows.model._base_manager.bulk_create(
            [
                rows.model(**dict(zip(rows.columns, row, strict=True)))
                for row in rows.values
            ],
            batch_size=500,
        )


def reset_sequences(models_list) -> None:
    """Point the id sequences past the ids the load chose itself."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models_list):
            cursor.execute(statement)


@dataclass
class DroppedSchema:
    """What ``drop_secondary_schema`` removed, as the statements that make it again."""

    indexes: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)


# Indexes of the named tables that back no constraint (a primary key, a unique
# constraint, or the key a foreign key points at keeps its index).
_FREE_INDEXES = (
    "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
    "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
    "WHERE t.relname = ANY(%s) "
    "AND t.relnamespace = current_schema()::regnamespace "
    "AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
    "ORDER BY 1"
)
_FOREIGN_KEYS = (
    "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) "
    "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
    "WHERE c.contype = 'f' AND t.relname = ANY(%s) "
    "AND t.relnamespace = current_schema()::regnamespace "
    "ORDER BY 1, 2"
)


def drop_secondary_schema(tables: Sequence[str]) -> DroppedSchema:
    """Drop the foreign keys of ``tables`` and their indexes that back no constraint
    (PostgreSQL; nothing elsewhere). Returns the statements that make them again,
    read from the catalog (``pg_get_indexdef``, ``pg_get_constraintdef``)."""
    if not uses_copy():
        return DroppedSchema()
    quote = connection.ops.quote_name
    dropped = DroppedSchema()
    with connection.cursor() as cursor:
        # Checks still deferred from earlier in the transaction run now: PostgreSQL
        # alters no table with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(_FOREIGN_KEYS, [list(tables)])
        for table, name, definition in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
            dropped.foreign_keys.append(
                f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
            )
        cursor.execute(_FREE_INDEXES, [list(tables)])
        for name, definition in cursor.fetchall():
            cursor.execute(f"DROP INDEX {name}")
            dropped.indexes.append(definition)
    return dropped


def restore_schema(dropped: DroppedSchema) -> None:
    """Build the dropped indexes, then add the foreign keys again (each checked in one
    pass over its table)."""
    if not (dropped.indexes or dropped.foreign_keys):
        return
    with connection.cursor() as cursor:
        for name, value in REBUILD_SETTINGS.items():
            cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
        for statement in [*dropped.indexes, *dropped.foreign_keys]:
            cursor.execute(statement)


def vacuum_analyze(tables: list[str]) -> None:
    """Statistics for the planner, and the visibility map for index-only scans.

    ANALYZE alone left every page of the loaded tables unmarked in the visibility map
    until autovacuum came by, so index-only scans (the sitemap's claims, the claims
    index's deep pages) read the heap as well: 168 ms instead of 45 ms p50 for page
    500 of the claims index on a fresh 100,000-article corpus. Runs after the load's
    transaction has committed (VACUUM cannot run inside one: called within a caller's
    transaction, e.g. a test's, it only analyzes)."""
    if not uses_copy():
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"{command} {connection.ops.quote_name(table)}")
