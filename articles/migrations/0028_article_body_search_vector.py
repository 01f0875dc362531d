"""A stored, GIN-indexed tsvector of each article's body, for the admin's search.

Searching every article body with ``icontains`` made PostgreSQL recheck tens of
thousands of 5 KB bodies for a common word (9.7 s at 100,000 articles). The admin now
matches the body's words against this column (articles.admin.search) and keeps
substring search for the short columns. The column is written with the body
(``Article.save()``; ``articles.search.refresh_article_vectors`` after bulk writes);
here it is filled for existing rows with a copy of ``articles.models.article
.body_vector()`` (a migration must not import app code). The trigram index on the
body (0024) goes: nothing searches the body by substring on PostgreSQL any more.

On other databases the column stays empty and the admin keeps its substring search.
"""

import django.contrib.postgres.search
from django.db import migrations

BODY_VECTOR = "to_tsvector('english'::regconfig, COALESCE(body, ''))"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run(f"UPDATE articles_article SET search_vector = {BODY_VECTOR}")
    run(
        "CREATE INDEX article_body_vector_gin ON articles_article "
        "USING gin (search_vector)"
    )
    run("DROP INDEX IF EXISTS article_body_trgm")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS article_body_vector_gin")
    schema_editor.execute(
        "CREATE INDEX article_body_trgm ON articles_article "
        "USING gin ((upper((body)::text)) gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0027_claim_speaker")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True,
                editable=False,
                help_text="The body's words for the admin's search (PostgreSQL only), "
                "written with the body.",
                null=True,
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
