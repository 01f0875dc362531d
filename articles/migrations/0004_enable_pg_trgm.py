"""Enable PostgreSQL's pg_trgm extension (trigram similarity for repeat claims).

On other databases (SQLite) this does nothing: the repeat finder falls back to a
portable similarity there.
"""

from django.db import migrations


def enable_pg_trgm(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_create_role_groups"),
    ]

    operations = [
        migrations.RunPython(enable_pg_trgm, migrations.RunPython.noop, elidable=False),
    ]
