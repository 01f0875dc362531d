"""Quote.state is a suggestion state: call it suggestion_state, as Claim does.

RenameField keeps every row's value (and the history rows'). The review queue's
partial index names the column in its condition, so it is dropped before the rename
and built again on the new name.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0024_scale_search_vectors_and_trigram_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="quote", name="quote_review_queue_idx"),
        migrations.RenameField(
            model_name="quote", old_name="state", new_name="suggestion_state"
        ),
        migrations.RenameField(
            model_name="historicalquote", old_name="state", new_name="suggestion_state"
        ),
        migrations.AlterField(
            model_name="quote",
            name="suggestion_state",
            field=models.CharField(
                choices=[
                    ("suggested", "Suggested"),
                    ("confirmed", "Confirmed"),
                    ("rejected", "Rejected"),
                ],
                default="confirmed",
                help_text="Only confirmed quotes are shown to readers.",
                max_length=16,
                verbose_name="suggestion state",
            ),
        ),
        migrations.AlterField(
            model_name="historicalquote",
            name="suggestion_state",
            field=models.CharField(
                choices=[
                    ("suggested", "Suggested"),
                    ("confirmed", "Confirmed"),
                    ("rejected", "Rejected"),
                ],
                default="confirmed",
                help_text="Only confirmed quotes are shown to readers.",
                max_length=16,
                verbose_name="suggestion state",
            ),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                condition=models.Q(("suggestion_state", "confirmed")),
                fields=["review_state", "created_at", "id"],
                name="quote_review_queue_idx",
            ),
        ),
    ]
