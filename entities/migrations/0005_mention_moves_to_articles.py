"""Mention (and its history) moves to ``articles``: state only, no SQL.

The tables keep their names (``entities_mention``, ``entities_historicalmention``);
``articles`` 0031 takes the models over in its state after this migration, which
names nothing of ``articles``: entities depends on no articles migration after it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0004_span_fields_from_shared_base"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalMention"),
                migrations.DeleteModel(name="Mention"),
            ],
            database_operations=[],
        ),
    ]
