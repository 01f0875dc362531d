"""Check a desk archive and restore it into an empty database.

Everything that can be checked before writing is checked first (format version,
files present, checksums, row counts, migration state and columns, an empty
database), so a refused archive changes nothing. Rows are then inserted in one
transaction with plain multi-row ``INSERT`` statements that keep the archived
primary keys and bypass ``save()``, signals and ``auto_now`` (which would rewrite
timestamps and history). Foreign keys are checked before commit; PostgreSQL
sequences are moved past the restored ids afterwards.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

from articles.cache import clear_public_cache
from articles.listing import refresh_latest_cards
from articles.models import Article, PublishedEntity
from articles.search import refresh_article_vectors
from articles.services.desk_archive.manifest import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    ArchiveError,
    applied_migrations,
)
from articles.services.desk_archive.registry import ArchivedModel, archived_models
from articles.services.desk_archive.values import decoder_for
from entities.models import Entity

BATCH_SIZE = 500
READ_BLOCK = 1 << 20


@dataclass
class TablePlan:
    """How one archived file goes into one table of this database."""

    entry: ArchivedModel
    file: dict
    columns: list[str]  # as in the archive
    defaults: dict[str, object]  # columns this database has and the archive lacks

    @cached_property
    def file_columns(self) -> frozenset[str]:
        """The keys every row of the file must have."""
        return frozenset(self.columns)


def _open_archive(path: Path) -> zipfile.ZipFile:
    if not path.exists():
        raise ArchiveError(f"{path} does not exist.")
    if not path.is_file():
        raise ArchiveError(f"{path} is not a file.")
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise ArchiveError(f"{path} is not a desk archive (not a ZIP file).") from error
    except OSError as error:
        raise ArchiveError(f"Cannot read {path}: {error.strerror}.") from error


def read_manifest(archive: zipfile.ZipFile) -> dict:
    """The archive's manifest, refused unless its format is one this code reads."""
    try:
        manifest = json.loads(archive.read(MANIFEST_NAME))
    except KeyError as error:
        raise ArchiveError(
            f"Not a desk archive: {MANIFEST_NAME} is missing."
        ) from error
    except (ValueError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"The manifest is damaged: {error}.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise ArchiveError("Not a desk archive: the manifest names another format.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise ArchiveError("The manifest has no valid format version.")
    if version > FORMAT_VERSION:
        raise ArchiveError(
            f"The archive has format version {version}; this version of Newsroom "
            f"reads up to {FORMAT_VERSION}. Restore it with a newer Newsroom."
        )
    files = manifest.get("files")
    if not isinstance(files, list) or not all(
        isinstance(item, dict)
        and {"name", "model", "columns", "rows", "sha256"} <= item.keys()
        for item in files
    ):
        raise ArchiveError("The manifest's list of files is damaged.")
    return manifest


def _check_files(archive: zipfile.ZipFile, manifest: dict) -> None:
    """Every listed file is present, with its checksum and row count."""
    present = set(archive.namelist())
    missing = [
        item["name"] for item in manifest["files"] if item["name"] not in present
    ]
    if missing:
        raise ArchiveError(
            "The archive is incomplete: missing " + ", ".join(sorted(missing)) + "."
        )
    for item in manifest["files"]:
        digest, lines = hashlib.sha256(), 0
        try:
            with archive.open(item["name"]) as handle:
                while block := handle.read(READ_BLOCK):
                    digest.update(block)
                    lines += block.count(b"\n")
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise ArchiveError(f"{item['name']} is damaged: {error}.") from error
        if digest.hexdigest() != item["sha256"]:
            raise ArchiveError(
                f"{item['name']} is damaged: its checksum does not match the manifest."
            )
        if lines != item["rows"]:
            raise ArchiveError(
                f"{item['name']} has {lines} rows; the manifest says {item['rows']}."
            )


def _plan(manifest: dict, connection) -> list[TablePlan]:
    """Match the archive's files to this database's tables, refusing what won't fit."""
    entries = archived_models()
    by_label = {entry.label: entry for entry in entries}
    files = {item["model"]: item for item in manifest["files"]}
    unknown = sorted(set(files) - set(by_label))
    if unknown:
        raise ArchiveError(
            "The archive holds tables this version of Newsroom does not have: "
            + ", ".join(unknown)
            + ". Restore it with the version that made it."
        )
    behind = _apps_behind(manifest.get("migrations") or {}, connection)
    plans = []
    for entry in entries:
        item = files.get(entry.label)
        if item is None:
            if entry.model._meta.app_label in behind:
                continue  # a table added since the archive was made: left empty
            raise ArchiveError(f"The archive is incomplete: no file for {entry.label}.")
        plans.append(_table_plan(entry, item))
    return plans


def _apps_behind(archived: dict[str, list[str]], connection) -> set[str]:
    """The apps whose archive predates migrations applied here; ArchiveError when
    the archive has migrations this database has not applied."""
    here = applied_migrations(connection, archived.keys())
    newer = sorted(
        f"{app}.{name}"
        for app, names in archived.items()
        for name in set(names) - set(here[app])
    )
    if newer:
        raise ArchiveError(
            "The archive was made with migrations this database has not applied ("
            + ", ".join(newer[:5])
            + (", …" if len(newer) > 5 else "")
            + "): upgrade Newsroom and run migrate first."
        )
    return {
        app for app, names in here.items() if set(names) - set(archived.get(app, []))
    }


def _table_plan(entry, item: dict) -> TablePlan:
    """How one archived file fills its table: its columns and, for the columns it
    lacks, their defaults; ArchiveError when they do not fit this database."""
    extra = sorted(set(item["columns"]) - set(entry.columns))
    if extra:
        raise ArchiveError(
            f"{item['name']} has columns this database lacks: {', '.join(extra)}."
        )
    defaults = {}
    for field in entry.fields:
        if field.attname in item["columns"]:
            continue
        if field.has_default() or field.null:
            defaults[field.attname] = field.get_default()
        else:
            raise ArchiveError(
                f"{item['name']} lacks the column {field.attname}, which has no "
                "default here; restore with the version that made the archive."
            )
    expected_keys = {
        attname: target._meta.label_lower
        for attname, target in entry.natural_keys.items()
    }
    if item.get("natural_keys", {}) != {
        k: v for k, v in expected_keys.items() if k in item["columns"]
    }:
        raise ArchiveError(f"{item['name']} refers to other tables than expected.")
    return TablePlan(entry, item, list(item["columns"]), defaults)


# Filled by ``migrate`` (the role groups), replaced by the archive's rows.
MIGRATE_SEEDED = (Group, Group.permissions.through)


def _check_empty(plans: list[TablePlan], using: str) -> None:
    filled = [
        f"{plan.entry.label} ({plan.entry.model._base_manager.using(using).count()})"
        for plan in plans
        if plan.entry.model not in MIGRATE_SEEDED
        and plan.entry.model._base_manager.using(using).exists()
    ]
    if filled:
        raise ArchiveError(
            "The database is not empty: "
            + ", ".join(filled[:6])
            + (", …" if len(filled) > 6 else "")
            + ". Restore into a freshly migrated database."
        )


def _natural_key_resolvers(entry: ArchivedModel, using: str) -> dict[str, dict]:
    resolvers = {}
    for attname, target in entry.natural_keys.items():
        rows = target._default_manager.db_manager(using).select_related()
        resolvers[attname] = {tuple(obj.natural_key()): obj.pk for obj in rows}
    return resolvers


def _row_values(line: str, where: str, plan: TablePlan, resolvers, decoders):
    """One archived row's values in ``plan.columns`` order, natural keys resolved to ids
    and values decoded for this database; ArchiveError saying ``where`` if not."""
    try:
        row = json.loads(line)
    except ValueError as error:
        raise ArchiveError(f"{where}: not JSON ({error}).") from error
    if not isinstance(row, dict) or row.keys() != plan.file_columns:
        raise ArchiveError(f"{where}: the columns differ from the manifest.")
    for attname, resolve in resolvers.items():
        key = row[attname]
        if key is not None:
            try:
                row[attname] = resolve[tuple(key)]
            except (KeyError, TypeError) as error:
                raise ArchiveError(f"{where}: {key} does not exist here.") from error
    values = [row[column] for column in plan.columns]
    try:
        for index, decode in decoders:
            if values[index] is not None:
                values[index] = decode(values[index])
    except Exception as error:  # noqa: BLE001 (any bad value: a clear refusal)
        raise ArchiveError(f"{where}: {error}") from error
    return values


def _insert_table(plan: TablePlan, archive: zipfile.ZipFile, connection) -> int:
    """Insert every row of ``plan``'s file; return how many."""
    entry, name = plan.entry, plan.file["name"]
    fields = {f.attname: f for f in entry.fields}
    columns = plan.columns + list(plan.defaults)
    decoders = [
        (index, decode)
        for index, column in enumerate(plan.columns)
        if (decode := decoder_for(fields[column], connection)) is not None
    ]
    defaults = [
        fields[column].get_db_prep_save(value, connection)
        for column, value in plan.defaults.items()
    ]
    resolvers = _natural_key_resolvers(entry, connection.alias)
    qn = connection.ops.quote_name
    # Identifiers come from the model's _meta (archive columns were matched to
    # fields in _plan), values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        qn(entry.model._meta.db_table),
        ", ".join(qn(fields[column].column) for column in columns),
        ", ".join(["%s"] * len(columns)),
    )
    count, batch = 0, []
    with (
        archive.open(name) as raw,
        io.TextIOWrapper(raw, encoding="utf-8") as lines,
        connection.cursor() as cursor,
    ):
        for number, line in enumerate(lines, start=1):
            where = f"{name}, line {number}"
            values = _row_values(line, where, plan, resolvers, decoders)
            batch.append(values + defaults)
            if len(batch) >= BATCH_SIZE:
                cursor.executemany(sql, batch)
                batch.clear()
            count = number
        if batch:
            cursor.executemany(sql, batch)
    if count != plan.file["rows"]:
        raise ArchiveError(f"{name} has {count} rows; the manifest says otherwise.")
    return count


def _derive_what_the_archive_lacks(plans: list[TablePlan], using: str) -> None:
    """Write the stored derivations an archive may not carry: body vectors (none
    from SQLite) and entities' latest cards (none before the column existed)."""
    refresh_article_vectors(
        Article.objects.using(using).filter(search_vector__isnull=True)
    )
    if any(
        plan.entry.model is PublishedEntity and "is_latest" in plan.defaults
        for plan in plans
    ):
        entities = Entity.objects.using(using).values_list("pk", flat=True)
        refresh_latest_cards(entities, using=using)


def check_archive(path: str | os.PathLike, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Check ``path`` as far as possible without writing; return its manifest."""
    with _open_archive(Path(path)) as archive:
        manifest = read_manifest(archive)
        _plan(manifest, connections[using])
        _check_files(archive, manifest)
    return manifest


def import_desk(
    path: str | os.PathLike,
    *,
    using: str = DEFAULT_DB_ALIAS,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Restore the archive at ``path`` into an empty database; return table rows."""
    connection = connections[using]
    with _open_archive(Path(path)) as archive:
        manifest = read_manifest(archive)
        plans = _plan(manifest, connection)
        _check_files(archive, manifest)
        _check_empty(plans, using)
        counts = {}
        try:
            with transaction.atomic(using=using):
                # The role groups ``migrate`` creates are replaced by the archived ones.
                Group.objects.using(using).all().delete()
                for plan in plans:
                    counts[plan.entry.label] = _insert_table(plan, archive, connection)
                    if progress:
                        progress(plan.entry.label, counts[plan.entry.label])
                tables = [plan.entry.model._meta.db_table for plan in plans]
                connection.check_constraints(table_names=tables)
                _derive_what_the_archive_lacks(plans, using)
                models = [plan.entry.model for plan in plans]
                with connection.cursor() as cursor:
                    for statement in connection.ops.sequence_reset_sql(
                        no_style(), models
                    ):
                        cursor.execute(statement)
                transaction.on_commit(clear_public_cache, using=using)
        except DatabaseError as error:
            raise ArchiveError(f"The database refused the archive: {error}") from error
    return counts
