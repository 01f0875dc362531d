"""A version's entities are now its entity cards (PublishedEntity, filled in 0010)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_fill_published_entities_and_links"),
    ]

    operations = [
        migrations.RemoveField(model_name="publishedversion", name="entities"),
        migrations.AddField(
            model_name="publishedversion",
            name="entities",
            field=models.ManyToManyField(
                blank=True,
                related_name="published_versions",
                through="articles.PublishedEntity",
                to="entities.entity",
            ),
        ),
    ]
