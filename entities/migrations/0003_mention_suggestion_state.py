"""Mention.state is a suggestion state: call it suggestion_state, as Claim does.

RenameField keeps every row's value (and the history rows'). The two indexes that
name the column are dropped before the rename and built again under names that say
suggestion (index names are at most 30 characters).
"""

from django.db import migrations, models

SUGGESTION_STATE = models.CharField(
    choices=[
        ("suggested", "Suggested"),
        ("confirmed", "Confirmed"),
        ("rejected", "Rejected"),
    ],
    default="confirmed",
    help_text="Only confirmed mentions are shown to readers.",
    max_length=16,
    verbose_name="suggestion state",
)


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0002_version_for_optimistic_locking"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="mention", name="mention_entity_state_idx"),
        migrations.RemoveIndex(model_name="mention", name="mention_article_state_idx"),
        migrations.RenameField(
            model_name="mention", old_name="state", new_name="suggestion_state"
        ),
        migrations.RenameField(
            model_name="historicalmention",
            old_name="state",
            new_name="suggestion_state",
        ),
        migrations.AlterField(
            model_name="mention", name="suggestion_state", field=SUGGESTION_STATE
        ),
        migrations.AlterField(
            model_name="historicalmention",
            name="suggestion_state",
            field=SUGGESTION_STATE.clone(),
        ),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(
                fields=["entity", "suggestion_state"],
                name="mention_entity_suggestion_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(
                fields=["article", "suggestion_state"],
                name="mention_article_suggestion_idx",
            ),
        ),
    ]
