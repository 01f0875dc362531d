"""Entity pages show what was published, never the live entity row."""

import pytest
from django.urls import reverse

from articles.cache import clear_public_cache
from articles.models import PublishedEntity
from entities.models import Entity
from tests.factories import AliasFactory
from tests.publishing import NOW, make_fact_check, publish, unpublish
from tests.sitemaps import all_sitemap_urls

pytestmark = pytest.mark.django_db


def entity_url(slug):
    return reverse("articles:entity_detail", kwargs={"slug": slug})


def edit_live(current_slug, /, **fields):
    """An editor's save in the admin (no publisher involved)."""
    entity = Entity.objects.get(slug=current_slug)
    for name, value in fields.items():
        setattr(entity, name, value)
    entity.save()
    clear_public_cache()  # not what keeps the old text: the snapshot is
    return entity


def test_the_snapshot_holds_each_linked_entity_as_it_was(published):
    AliasFactory(entity=Entity.objects.get(slug="ana-lopez"), name="Mayor Lopez")
    version = publish(published)

    card = PublishedEntity.objects.get(version=version, entity__slug="northbridge")
    assert (card.name, card.kind, card.description, card.wikidata_id) == (
        "Northbridge",
        "place",
        "A city on the river.",
        "Q1234",
    )
    assert card.same_as_urls == ["https://example.org/northbridge"]
    mayor = PublishedEntity.objects.get(version=version, entity__slug="ana-lopez")
    assert mayor.aliases == ["Mayor Lopez"]


def test_a_live_edit_is_invisible_until_republished(
    client, published, django_assert_max_num_queries
):
    edit_live(
        "ana-lopez",
        name="Ana María López",
        description="Former mayor.",
        wikidata_id="Q999",
    )

    # The page's five, and the footer's policy links that emptying the whole cache
    # (edit_live) forgot.
    with django_assert_max_num_queries(6):
        page = client.get(entity_url("ana-lopez"))
    assert page.status_code == 200
    assert "Mayor of Northbridge." in page.text
    assert "Former mayor." not in page.text
    assert "Ana María López" not in page.text
    assert "Q999" not in page.text

    publish(published)
    clear_public_cache()
    page = client.get(entity_url("ana-lopez"))
    assert "Former mayor." in page.text
    assert "Ana María López" in page.text


def test_a_new_alias_reaches_readers_only_on_republication(client, published):
    AliasFactory(entity=Entity.objects.get(slug="ana-lopez"), name="Mayor Lopez")
    assert "Mayor Lopez" not in client.get(entity_url("ana-lopez")).text

    publish(published)
    clear_public_cache()
    assert "Also called Mayor Lopez" in client.get(entity_url("ana-lopez")).text


def test_a_renamed_slug_is_a_404_until_published_and_the_old_address_then_redirects(
    client, published, django_assert_max_num_queries
):
    edit_live("ana-lopez", slug="ana-maria-lopez")
    assert client.get(entity_url("ana-maria-lopez")).status_code == 404
    assert client.get(entity_url("ana-lopez")).status_code == 200

    publish(published)
    clear_public_cache()
    with django_assert_max_num_queries(3):
        old = client.get(entity_url("ana-lopez"))
    assert old.status_code == 301
    assert old["Location"] == entity_url("ana-maria-lopez")
    assert client.get(entity_url("ana-maria-lopez")).status_code == 200


def test_the_fact_check_page_and_sitemap_keep_the_published_entity(client, published):
    edit_live("northbridge", name="Northbridge Town", slug="northbridge-town")

    page = client.get(
        reverse("articles:factcheck_detail", kwargs={"slug": published.slug})
    )
    sitemap = "\n".join(f"{url}</loc>" for url in all_sitemap_urls(client))
    claims = client.get(reverse("articles:claim_list")).text

    assert 'href="/entities/northbridge/"' in page.text
    assert "/entities/northbridge/</loc>" in sitemap
    assert "northbridge-town" not in sitemap
    assert "Northbridge Town" not in page.text + claims


def test_the_entity_page_reads_the_latest_published_version(client, published):
    """Two fact-checks show the entity; its page follows the latest published."""
    edit_live("ana-lopez", description="Mayor since 2021.")
    other = make_fact_check(slug="second-check", title="Second check")
    publish(other)
    clear_public_cache()

    page = client.get(entity_url("ana-lopez"))
    assert "Mayor since 2021." in page.text
    assert "Second check" in page.text
    assert "Fact-check: the budget story" in page.text


def entity_locations(client) -> list[str]:
    clear_public_cache()
    return [url for url in all_sitemap_urls(client) if "/entities/" in url]


def test_the_sitemap_follows_the_latest_card_through_publish_and_unpublish(
    client, published
):
    """Each entity is listed once, at the address of its card in the latest
    current version (stored at publication, not worked out per request)."""
    assert sum("/entities/ana-lopez/" in url for url in entity_locations(client)) == 1
    other = make_fact_check(slug="second-check", title="Second check")
    edit_live("ana-lopez", slug="ana-maria-lopez")
    publish(other)
    listed = entity_locations(client)
    assert sum("/entities/ana-maria-lopez/" in url for url in listed) == 1
    assert not any("/entities/ana-lopez/" in url for url in listed)
    assert (
        PublishedEntity.objects.filter(entity__slug="ana-maria-lopez", is_latest=True)
        .get()
        .version.fact_check
        == other
    )

    unpublish(other)
    listed = entity_locations(client)
    assert sum("/entities/ana-lopez/" in url for url in listed) == 1
    assert not any("ana-maria-lopez" in url for url in listed)
    unpublish(published)
    assert entity_locations(client) == []
    assert not PublishedEntity.objects.filter(is_latest=True).exists()


def test_publishing_keeps_the_publication_time(published):
    card = PublishedEntity.objects.filter(entity__slug="northbridge").first()
    assert card.version.published_at == NOW
