"""Admin for the editorial models, one module per area."""

from articles.admin import (  # noqa: F401
    article,
    author,
    claims,
    factcheck,
    intake,
    jobs,
    mentions,
)
