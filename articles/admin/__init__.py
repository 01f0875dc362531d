"""Admin for the editorial models, one module per area."""

from articles.admin import article, author, claims, factcheck, jobs  # noqa: F401
