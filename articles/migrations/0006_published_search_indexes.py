"""GIN indexes for full-text search of published versions and claims (PostgreSQL only).

The expressions are copies of articles.search.version_vector() and claim_vector()
(a migration must not import app code); tests/articles/test_search.py checks that the
search query uses these indexes. On other databases this migration does nothing.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models.fields.json import KT

CONFIG = "english"


def _indexes():
    version = (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("search_text", weight="B", config=CONFIG)
        + SearchVector(
            "summary", KT("snapshot__article__body"), weight="C", config=CONFIG
        )
    )
    claim = (
        SearchVector("statement", weight="A", config=CONFIG)
        + SearchVector("claimant_name", weight="B", config=CONFIG)
        + SearchVector("verdict_summary", weight="C", config=CONFIG)
    )
    return [
        ("PublishedVersion", GinIndex(version, name="pubversion_search_gin")),
        ("PublishedClaim", GinIndex(claim, name="pubclaim_search_gin")),
    ]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in _indexes():
        schema_editor.add_index(apps.get_model("articles", model_name), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in _indexes():
        schema_editor.remove_index(apps.get_model("articles", model_name), index)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_factcheck_scheduled_by")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
