"""Create the database cache table (settings.DATABASE_CACHE_TABLE, "newsroom_cache").

The embedded default cache is Django's DatabaseCache, shared by every process and host
that uses the database. Its table is created here, with Django's own
``createcachetable`` code, so ``migrate`` is all a deployment, the demo, CI and the
tests need; nobody has to remember to run ``createcachetable``. It is created whatever
cache is configured (with Redis it stays empty), so switching back needs no step.
"""

from django.core.management.commands.createcachetable import Command
from django.db import migrations

TABLE = "newsroom_cache"


def create_cache_table(apps, schema_editor):
    command = Command()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    quote = schema_editor.connection.ops.quote_name
    schema_editor.execute(f"DROP TABLE IF EXISTS {quote(TABLE)}")


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0014_article_body_length_limit"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, drop_cache_table),
    ]
