"""``PublishedEntity.is_latest``: each entity's card in its latest current version.

The sitemap, the review queue's suggestions and the API found it at read time with
an anti-join over every current card (1.2 million at 100,000 articles: 1.6 s for the
sitemap index). It is now set at publication (articles.listing.refresh_latest_cards)
and filled here for existing cards with a copy of that function (a migration must
not import app code). The index is made before the fill: made after an UPDATE in
the same transaction, PostgreSQL may not use it while any older transaction runs.
"""

from django.db import migrations, models


def fill_is_latest(apps, schema_editor):
    card = apps.get_model("articles", "PublishedEntity")
    entity = apps.get_model("entities", "Entity")
    newest = (
        card.objects.filter(version__is_current=True, entity_id=models.OuterRef("pk"))
        .order_by("-version__published_at", "-pk")
        .values("pk")[:1]
    )
    latest = entity.objects.values(card=models.Subquery(newest))
    card.objects.filter(pk__in=latest).update(is_latest=True)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0028_article_body_search_vector"),
        ("entities", "0002_version_for_optimistic_locking"),
    ]

    operations = [
        migrations.AddField(
            model_name="publishedentity",
            name="is_latest",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Current, and the entity's card in its latest current "
                "version: the one that gives the entity's address and name. Set at "
                "publication.",
                verbose_name="latest",
            ),
        ),
        migrations.AddIndex(
            model_name="publishedentity",
            index=models.Index(
                condition=models.Q(("is_latest", True)),
                fields=["slug", "id"],
                name="pubentity_latest_idx",
            ),
        ),
        migrations.RunPython(fill_is_latest, migrations.RunPython.noop),
    ]
