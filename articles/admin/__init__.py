"""Admin for the editorial models, one module per area."""

from articles.admin import article, claims, factcheck, intake, jobs  # noqa: F401
