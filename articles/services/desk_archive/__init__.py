"""Desk export and restore: the whole editorial record in one versioned archive.

``export_desk`` writes it, ``import_desk`` restores it into an empty database and
``check_archive`` verifies one without writing. The format is documented in README.md
("Export and restore").
"""

from articles.services.desk_archive.export import export_desk
from articles.services.desk_archive.manifest import (
    FORMAT_VERSION,
    ArchiveError,
)
from articles.services.desk_archive.restore import check_archive, import_desk

__all__ = [
    "FORMAT_VERSION",
    "ArchiveError",
    "check_archive",
    "export_desk",
    "import_desk",
]
