"""A covering index for the claims sitemap (PostgreSQL only).

A claims sitemap file is a page of 10,000 listed claims in ``claim_ref`` order; its
rows came from the heap one by one (0.6–0.8 s for the last file at 100,000
articles). This partial index holds every column the file reads, so the page is an
index-only scan. SQLite has no covering indexes (``INCLUDE``), so it is made here
rather than in the model's ``Meta``, which would warn there (models.W040).
"""

from django.db import migrations

INDEX = "pubclaim_sitemap_idx"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON articles_publishedclaim (claim_ref) "
        "INCLUDE (id, slug, published_at) WHERE is_listed"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0029_published_entity_is_latest")]

    operations = [migrations.RunPython(forwards, backwards)]
