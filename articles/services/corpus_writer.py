"""Bulk writes for ``generate_corpus``: COPY on PostgreSQL, bulk_create elsewhere.

Rows are unsaved model instances with their primary keys already set, or plain tuples
of named columns for the link tables nothing else reads, so both paths write the same
values. COPY skips the ORM's per-row work, which is what makes 100,000 articles
(millions of rows) fit in minutes.

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


def _json(value):
    return None if value is None else json.dumps(value, cls=DjangoJSONEncoder)


@dataclass(frozen=True)
class Rows:
    """Rows of ``model`` as tuples of ``columns`` (attribute names, the pk first);
    fields left out take their model default."""

    model: type[models.Model]
    columns: tuple[str, ...]
    values: list[tuple] = field(default_factory=list)


class BulkWriter:
    """Writes rows of one model at a time, keeping per-model column plans.

    ``raw_connection`` (a psycopg connection) lets COPY run in a thread beside the one
    building rows; that thread must then be the connection's only user.
    """

    def __init__(self) -> None:
        self._plans: dict[tuple, tuple[str, list]] = {}
        self.rows_written = 0

    def _plan(self, model, columns: tuple[str, ...] | None):
        key = (model, columns)
        if key not in self._plans:
            fields = model._meta.concrete_fields
            names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            getters = []
            for f in fields:
                convert = _json if isinstance(f, models.JSONField) else None
                if columns is None:
                    getters.append((f.attname, None, convert))
                elif f.attname in columns:
                    getters.append((None, columns.index(f.attname), convert))
                else:
                    default = f.get_default()
                    constant = convert(default) if convert else default
                    getters.append((None, None, constant))
            table = connection.ops.quote_name(model._meta.db_table)
            self._plans[key] = (f"COPY {table} ({names}) FROM STDIN", getters)
        return self._plans[key]

    def write(self, model, objs: list, raw_connection=None) -> None:
        """Write model instances (COPY on ``raw_connection`` when given)."""
        if not objs:
            return
        self.rows_written += len(objs)
        if not uses_copy():
            model._base_manager.bulk_create(objs, batch_size=500)
            return
        statement, getters = self._plan(model, None)
        with self._copy(statement, raw_connection) as copy:
            for obj in objs:
                copy.write_row(
                    [
                        convert(getattr(obj, attname))
                        if convert
                        else getattr(obj, attname)
                        for attname, _index, convert in getters
                    ]
                )

    def write_rows(self, rows: Rows, raw_connection=None) -> None:
        """Write tuples of named columns (no model instance is made on PostgreSQL)."""
        if not rows.values:
            return
        self.rows_written += len(rows.values)
        if not uses_copy():
            rows.model._base_manager.bulk_create(
                [
                    rows.model(**dict(zip(rows.columns, row, strict=True)))
                    for row in rows.values
                ],
                batch_size=500,
            )
            return
        statement, getters = self._plan(rows.model, rows.columns)
        with self._copy(statement, raw_connection) as copy:
            for row in rows.values:
                # A left-out column's third item is its default, already converted.
                copy.write_row(
                    [
                        (convert(row[index]) if convert else row[index])
                        if index is not None
                        else convert
                        for _attname, index, convert in getters
                    ]
                )

    @staticmethod
    def _copy(statement: str, raw_connection):
        if raw_connection is None:
            connection.ensure_connection()
            raw_connection = connection.connection
        return _CopyOnNewCursor(raw_connection, statement)


class _CopyOnNewCursor:
    """``with``: a COPY on a cursor of its own, closed with it."""

    def __init__(self, raw_connection, statement: str) -> None:
        self.cursor = raw_connection.cursor()
        self.copy = self.cursor.copy(statement)

    def __enter__(self):
        return self.copy.__enter__()

    def __exit__(self, *exc):
        try:
            return self.copy.__exit__(*exc)
        finally:
            self.cursor.close()


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


def analyze(tables: list[str]) -> None:
    if not uses_copy():
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
