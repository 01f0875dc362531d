"""Write a desk archive: one ZIP file with a JSON-lines file per table and a manifest.

Rows are streamed in primary-key order through a chunked iterator and written as they
come, so memory stays flat however large the desk. The archive is written next to its
final name and renamed at the end: a failed export leaves no half-written archive.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from articles.services.desk_archive.manifest import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    ArchiveError,
    applied_migrations,
    provenance,
)
from articles.services.desk_archive.registry import (
    ArchivedModel,
    archived_models,
    migration_apps,
)
from articles.services.desk_archive.values import encoder_for

CHUNK_SIZE = 500  # rows a fetch; a published version is ~50 KB in memory
COMPRESS_LEVEL = 1  # fast; JSON lines still shrink to about a quarter


_encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _dump(row: dict) -> bytes:
    return (_encode_json(row) + "\n").encode()


def _natural_key_maps(entry: ArchivedModel, using: str) -> dict[str, dict]:
    maps = {}
    for attname, target in entry.natural_keys.items():
        rows = target._default_manager.db_manager(using).select_related()
        maps[attname] = {obj.pk: list(obj.natural_key()) for obj in rows}
    return maps


def _rows(entry: ArchivedModel, *, using: str, include_password_hashes: bool):
    """Yield each row of ``entry``'s table as a dict of JSON values."""
    columns = entry.columns
    encoders = [encoder_for(f) for f in entry.fields]
    natural = _natural_key_maps(entry, using)
    hide_password = (
        entry.model is get_user_model()
        and not include_password_hashes
        and "password" in columns
    )
    queryset = (
        entry.model._base_manager.using(using).order_by("pk").values_list(*columns)
    )
    for values in queryset.iterator(chunk_size=CHUNK_SIZE):
        row = {
            column: encode(value)
            for column, encode, value in zip(columns, encoders, values, strict=True)
        }
        for attname, keys in natural.items():
            if row[attname] is not None:
                row[attname] = keys[row[attname]]
        if hide_password:
            row["password"] = UNUSABLE_PASSWORD_PREFIX
        yield row


def _write_table(archive: zipfile.ZipFile, entry: ArchivedModel, **options) -> dict:
    digest, count, size = hashlib.sha256(), 0, 0
    with archive.open(entry.file_name, "w", force_zip64=True) as handle:
        buffer = []
        for row in _rows(entry, **options):
            line = _dump(row)
            digest.update(line)
            buffer.append(line)
            count += 1
            size += len(line)
            if len(buffer) >= CHUNK_SIZE:
                handle.write(b"".join(buffer))
                buffer.clear()
        handle.write(b"".join(buffer))
    return {
        "name": entry.file_name,
        "model": entry.label,
        "columns": entry.columns,
        "natural_keys": {
            attname: target._meta.label_lower
            for attname, target in entry.natural_keys.items()
        },
        "rows": count,
        "bytes": size,
        "sha256": digest.hexdigest(),
    }


def _open_target(path: Path):
    """A temporary file beside ``path``, refusing a path that cannot be written."""
    if path.exists():
        raise ArchiveError(f"{path} already exists; choose a new file name.")
    parent = path.parent
    if not parent.is_dir():
        raise ArchiveError(f"Cannot write {path}: {parent} is not a directory.")
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed by the caller)
            dir=parent, prefix=f".{path.name}.", suffix=".partial", delete=False
        )
    except OSError as error:
        raise ArchiveError(f"Cannot write in {parent}: {error.strerror}.") from error
    return handle


def export_desk(
    path: str | os.PathLike,
    *,
    include_password_hashes: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    progress: Callable[[dict], None] | None = None,
) -> dict:
    """Write the whole desk to the ZIP file ``path``; return the manifest."""
    path = Path(path)
    entries = archived_models()
    connection = connections[using]
    handle = _open_target(path)
    outermost = not connection.in_atomic_block
    try:
        with handle, transaction.atomic(using=using):
            if connection.vendor == "postgresql" and outermost:
                # One snapshot for every table, however long the export runs.
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                    )
            created_at = timezone.now()
            with zipfile.ZipFile(
                handle, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL
            ) as archive:
                files = []
                for entry in entries:
                    files.append(
                        _write_table(
                            archive,
                            entry,
                            using=using,
                            include_password_hashes=include_password_hashes,
                        )
                    )
                    if progress:
                        progress(files[-1])
                manifest = {
                    "format": FORMAT_NAME,
                    "format_version": FORMAT_VERSION,
                    "created_at": created_at.isoformat(),
                    **provenance(),
                    "database_vendor": connection.vendor,
                    "password_hashes": include_password_hashes,
                    "migrations": applied_migrations(connection, migration_apps()),
                    "files": files,
                }
                archive.writestr(
                    MANIFEST_NAME, json.dumps(manifest, indent=2, ensure_ascii=False)
                )
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return manifest
