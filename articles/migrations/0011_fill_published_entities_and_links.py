"""Fill the new published rows for versions published before they existed.

Entity cards are taken from the entity rows as they are now (the best record there
is of what those versions showed); claims and citations are linked to the editorial
rows they were published from, where those still exist.
"""

from django.db import migrations


def fill(apps, schema_editor):
    PublishedVersion = apps.get_model("articles", "PublishedVersion")
    PublishedEntity = apps.get_model("articles", "PublishedEntity")
    PublishedClaim = apps.get_model("articles", "PublishedClaim")
    PublishedCitation = apps.get_model("articles", "PublishedCitation")
    Claim = apps.get_model("articles", "Claim")
    Citation = apps.get_model("articles", "Citation")
    Alias = apps.get_model("entities", "Alias")

    listed = set(
        PublishedVersion.entities.through.objects.values_list(
            "publishedversion_id", "entity_id"
        )
    )
    pairs = listed | set(
        PublishedClaim.objects.filter(claimant__isnull=False).values_list(
            "version_id", "claimant_id"
        )
    )
    Entity = apps.get_model("entities", "Entity")
    entities = Entity.objects.in_bulk({entity_id for _v, entity_id in pairs})
    aliases: dict[int, list[str]] = {}
    for entity_id, name in Alias.objects.order_by("name").values_list(
        "entity_id", "name"
    ):
        aliases.setdefault(entity_id, []).append(name)
    PublishedEntity.objects.bulk_create(
        [
            PublishedEntity(
                version_id=version_id,
                entity_id=entity_id,
                name=entities[entity_id].name,
                slug=entities[entity_id].slug,
                kind=entities[entity_id].kind,
                description=entities[entity_id].description,
                wikidata_id=entities[entity_id].wikidata_id,
                same_as=entities[entity_id].same_as,
                aliases=aliases.get(entity_id, []),
                is_listed=(version_id, entity_id) in listed,
            )
            for version_id, entity_id in sorted(pairs)
        ]
    )

    existing = set(Claim.objects.values_list("pk", flat=True))
    for published in PublishedClaim.objects.all():
        if published.claim_ref not in existing:
            continue
        published.claim_id = published.claim_ref
        published.save(update_fields=["claim"])
        urls = {c.get("url") for c in (published.data or {}).get("citations", [])}
        PublishedCitation.objects.bulk_create(
            [
                PublishedCitation(published_claim=published, citation=citation)
                for citation in Citation.objects.filter(
                    claim_id=published.claim_ref, url__in=urls
                )
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_published_rows_protect_what_they_show"),
        ("entities", "0002_version_for_optimistic_locking"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
