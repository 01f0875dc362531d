"""Known fact-checks are keyed by their review address with the scheme and host in
lower case (articles.intake.claimreview._normal_url). Rows imported before that
rule may spell one page two ways: rewrite each address, and where two rows become
one page keep the one imported last (the highest id), as a re-import would have."""

import re

from django.db import migrations

# The importer's rule, frozen here as it was when this migration was written.
SCHEME_AND_HOST = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)((?:[^/?#]*@)?)([^/?#]*)")


def normal_url(url):
    return SCHEME_AND_HOST.sub(
        lambda m: m[1].lower() + m[2] + m[3].lower(), url, count=1
    )


def normalise(apps, schema_editor):
    KnownFactCheck = apps.get_model("articles", "KnownFactCheck")
    rows = KnownFactCheck.objects.order_by("-pk").values_list("pk", "review_url")
    kept, dropped, renamed = set(), [], {}
    for pk, url in rows.iterator():
        address = normal_url(url)
        if address in kept:
            dropped.append(pk)
            continue
        kept.add(address)
        if address != url:
            renamed[pk] = address
    KnownFactCheck.objects.filter(pk__in=dropped).delete()
    for pk, address in renamed.items():
        KnownFactCheck.objects.filter(pk=pk).update(review_url=address)


class Migration(migrations.Migration):
    dependencies = [("articles", "0032_mention_content_types_follow")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
