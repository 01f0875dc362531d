"""Claim.claimant becomes Claim.speaker: one name, as on Quote, for who is credited.

RenameField keeps every row (and the history rows): the column is renamed, its
foreign key and index follow it. The label stays "claimant" (what a fact-checker
calls who makes a claim); published claims (PublishedClaim.claimant) are the
published format and keep their name.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0026_span_fields_from_shared_base"),
    ]

    operations = [
        migrations.RenameField(
            model_name="claim", old_name="claimant", new_name="speaker"
        ),
        migrations.RenameField(
            model_name="historicalclaim", old_name="claimant", new_name="speaker"
        ),
    ]
