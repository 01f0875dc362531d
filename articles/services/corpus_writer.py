"""Bulk writes for ``generate_corpus``: COPY on PostgreSQL, bulk_create elsewhere.

Rows are unsaved model instances with their primary keys already set, so both paths
write the same values. COPY skips the ORM's per-row work, which is what makes 100,000
articles (millions of rows) fit in minutes. GIN indexes on the loaded tables are
dropped before the load and built again after it: maintaining them row by row costs
far more than one build.
"""

from __future__ import annotations

import json

from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models


def uses_copy() -> bool:
    return connection.vendor == "postgresql"


def _json(value):
    return None if value is None else json.dumps(value, cls=DjangoJSONEncoder)


class BulkWriter:
    """Writes instances of one model at a time, keeping per-model column plans."""

    def __init__(self) -> None:
        self._plans: dict[type[models.Model], tuple[str, list]] = {}
        self.rows_written = 0

    def _plan(self, model):
        if model not in self._plans:
            fields = model._meta.concrete_fields
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            getters = [
                (f.attname, _json if isinstance(f, models.JSONField) else None)
                for f in fields
            ]
            table = connection.ops.quote_name(model._meta.db_table)
            self._plans[model] = (f"COPY {table} ({columns}) FROM STDIN", getters)
        return self._plans[model]

    def write(self, model, objs: list) -> None:
        if not objs:
            return
        self.rows_written += len(objs)
        if not uses_copy():
            model._base_manager.bulk_create(objs, batch_size=500)
            return
        statement, getters = self._plan(model)
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for obj in objs:
                copy.write_row(
                    [
                        convert(getattr(obj, attname))
                        if convert
                        else getattr(obj, attname)
                        for attname, convert in getters
                    ]
                )


def reset_sequences(models_list) -> None:
    """Point the id sequences past the ids the load chose itself."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models_list):
            cursor.execute(statement)


def drop_gin_indexes(tables: list[str]) -> list[str]:
    """Drop the GIN indexes of ``tables`` (PostgreSQL); return their definitions."""
    if not uses_copy():
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = ANY(%s) AND indexdef LIKE %s",
            [tables, "% USING gin %"],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [definition for _name, definition in found]


def create_indexes(definitions: list[str]) -> None:
    """Build the dropped indexes again (after the deferred foreign keys are checked:
    PostgreSQL builds no index on a table with pending trigger events)."""
    if not definitions:
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)


def analyze(tables: list[str]) -> None:
    if not uses_copy():
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
