"""Indexes for a desk of 100,000 articles (PostgreSQL only, except the two columns).

- ``search_vector``: a stored, weighted tsvector on published versions and claims,
  with a GIN index each. Search filters and ranks from the column, instead of building
  the document from the snapshot JSON for every row (twice: filter and rank); the
  expression indexes of 0006 are dropped. The column is written at publication
  (articles.search.refresh_search_vectors); here it is filled for existing rows with
  copies of articles.search.version_vector() and claim_vector() (a migration must not
  import app code).
- Trigram GIN indexes (pg_trgm, enabled by 0004) for the admin's ``icontains``
  searches, on ``UPPER(column)`` as Django's icontains compares, including on tables
  of the entities app, which articles builds on.

On other databases the columns stay empty and search keeps its substring fallback.
"""

import django.contrib.postgres.search
from django.db import migrations, models

CONFIG = "english"

VERSION_VECTOR = (
    f"setweight(to_tsvector('{CONFIG}', coalesce(title, '')), 'A')"
    f" || setweight(to_tsvector('{CONFIG}', coalesce(search_text, '')), 'B')"
    f" || setweight(to_tsvector('{CONFIG}', coalesce(summary, '') || ' ' || "
    f"coalesce(snapshot -> 'article' ->> 'body', '')), 'C')"
)
CLAIM_VECTOR = (
    f"setweight(to_tsvector('{CONFIG}', coalesce(statement, '')), 'A')"
    f" || setweight(to_tsvector('{CONFIG}', coalesce(claimant_name, '')), 'B')"
    f" || setweight(to_tsvector('{CONFIG}', coalesce(verdict_summary, '')), 'C')"
)

# (index name, table, column): every column an admin changelist searches with ILIKE.
TRIGRAM_INDEXES = [
    ("article_headline_trgm", "articles_article", "headline"),
    ("article_body_trgm", "articles_article", "body"),
    ("article_byline_trgm", "articles_article", "byline"),
    ("article_url_trgm", "articles_article", "original_url"),
    ("claim_statement_trgm", "articles_claim", "statement"),
    ("claim_exact_trgm", "articles_claim", "exact"),
    ("claim_summary_trgm", "articles_claim", "verdict_summary"),
    ("quote_exact_trgm", "articles_quote", "exact"),
    ("quote_speaker_text_trgm", "articles_quote", "speaker_text"),
    ("factcheck_title_trgm", "articles_factcheck", "title"),
    ("factcheck_summary_trgm", "articles_factcheck", "summary"),
    ("citation_title_trgm", "articles_citation", "title"),
    ("citation_url_trgm", "articles_citation", "url"),
    ("citation_publisher_trgm", "articles_citation", "publisher"),
    ("citation_excerpt_trgm", "articles_citation", "excerpt"),
    ("pubversion_title_trgm", "articles_publishedversion", "title"),
    ("pubversion_slug_trgm", "articles_publishedversion", "slug"),
    ("correction_text_trgm", "articles_correction", "text"),
    ("mention_exact_trgm", "entities_mention", "exact"),
    ("entity_name_trgm", "entities_entity", "name"),
    ("entity_description_trgm", "entities_entity", "description"),
    ("entity_wikidata_trgm", "entities_entity", "wikidata_id"),
    ("alias_name_trgm", "entities_alias", "name"),
]


def fill_is_listed(apps, schema_editor):
    """Mark, of each claim, its latest current published row (a copy of
    articles.listing.refresh_listed_claims: migrations do not import app code)."""
    published_claim = apps.get_model("articles", "PublishedClaim")
    current = published_claim.objects.filter(version__is_current=True)
    newer = current.filter(claim_ref=models.OuterRef("claim_ref")).filter(
        models.Q(published_at__gt=models.OuterRef("published_at"))
        | models.Q(published_at=models.OuterRef("published_at"), pk__gt=models.OuterRef("pk"))
    )
    listed = current.exclude(models.Exists(newer)).values("pk")
    published_claim.objects.filter(pk__in=listed).update(is_listed=True)


def trigram_index_sql(name: str, table: str, column: str) -> str:
    # Django's icontains is UPPER(column::text) LIKE UPPER(pattern): the index must be
    # on that very expression, or the planner cannot use it.
    return (
        f"CREATE INDEX {name} ON {table} "
        f"USING gin ((upper(({column})::text)) gin_trgm_ops)"
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run("DROP INDEX IF EXISTS pubversion_search_gin")
    run("DROP INDEX IF EXISTS pubclaim_search_gin")
    run(f"UPDATE articles_publishedversion SET search_vector = {VERSION_VECTOR}")
    run(f"UPDATE articles_publishedclaim SET search_vector = {CLAIM_VECTOR}")
    run(
        "CREATE INDEX pubversion_vector_gin ON articles_publishedversion "
        "USING gin (search_vector)"
    )
    run(
        "CREATE INDEX pubclaim_vector_gin ON articles_publishedclaim "
        "USING gin (search_vector)"
    )
    for name, table, column in TRIGRAM_INDEXES:
        run(trigram_index_sql(name, table, column))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP INDEX IF EXISTS pubversion_vector_gin")
    schema_editor.execute("DROP INDEX IF EXISTS pubclaim_vector_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0023_intake_role_permissions"),
        ("entities", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="publishedversion",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="The weighted document search reads (PostgreSQL only).",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="publishedclaim",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="The weighted document search reads (PostgreSQL only).",
                null=True,
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["-published_on", "-created_at"], name="article_latest_idx"
            ),
        ),
        migrations.AddField(
            model_name="publishedclaim",
            name="is_listed",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Current, and the latest current row of its claim: the one "
                "row the claims index and entity pages show. Set at publication.",
                verbose_name="listed",
            ),
        ),
        migrations.RunPython(fill_is_listed, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="publishedclaim",
            index=models.Index(
                condition=models.Q(is_listed=True),
                fields=["-published_at", "position", "id"],
                name="pubclaim_latest_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="publishedclaim",
            index=models.Index(
                condition=models.Q(is_listed=True),
                fields=["verdict", "-published_at", "position", "id"],
                name="pubclaim_verdict_latest_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="publishedclaim",
            index=models.Index(
                condition=models.Q(is_listed=True),
                fields=["claimant", "-published_at", "position", "-id"],
                name="pubclaim_claimant_latest_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="publishedentity",
            index=models.Index(
                fields=["slug", "entity"], name="pubentity_slug_entity_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                condition=models.Q(state="confirmed"),
                fields=["review_state", "created_at", "id"],
                name="quote_review_queue_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(suggestion_state="confirmed"),
                fields=["review_state", "created_at", "id"],
                name="claim_review_queue_idx",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
