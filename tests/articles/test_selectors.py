"""The selectors answer each question once, so every place that asks agrees."""

import pytest
from django.urls import reverse

from articles.selectors import public_entity_card, public_entity_cards
from entities.models import EntityKind
from tests.factories import EntityFactory
from tests.publishing import (
    NOW,
    desk_reviewer,
    make_fact_check,
    publish,
    settle_attributions,
)
from tests.sitemaps import all_sitemap_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def claimant_only():
    """An entity the published fact-check credits with a claim and never names."""
    fact_check = make_fact_check()
    claimant = EntityFactory(
        name="Lena Ortiz", slug="lena-ortiz", kind=EntityKind.PERSON
    )
    claim = fact_check.claims.get(exact="three new libraries by 2027")
    claim.speaker = claimant
    claim.save()
    settle_attributions(fact_check)
    publish(fact_check, now=NOW)
    return claimant, claim


def test_an_entity_credited_only_as_claimant_has_a_page_everywhere(
    client, claimant_only
):
    claimant, claim = claimant_only
    page = reverse("articles:entity_detail", kwargs={"slug": "lena-ortiz"})

    assert client.get(page).status_code == 200
    assert any(url.endswith(page) for url in all_sitemap_urls(client))
    listed = client.get(reverse("api:entity-list"), {"page_size": 100}).json()
    assert "lena-ortiz" in {card["slug"] for card in listed["results"]}
    client.force_login(desk_reviewer())
    review = client.get(
        reverse("articles:review_item", kwargs={"kind": "claim", "pk": claim.pk})
    )
    assert f'href="{page}"' in review.content.decode()


def _credit(claimant, *, slug):
    """Another fact-check whose second claim ``claimant`` made, published at NOW."""
    fact_check = make_fact_check(slug=slug, title=f"Check {slug}")
    claim = fact_check.claims.get(exact="three new libraries by 2027")
    claim.speaker = claimant
    claim.save()
    settle_attributions(fact_check)
    return publish(fact_check, now=NOW)


@pytest.mark.parametrize("renamed", ["Lena Ortiz-Vidal", None])
def test_the_one_entity_and_the_list_pick_the_same_card(claimant_only, renamed):
    """Two current versions show the entity (published at the same moment: the
    newer row wins); the page, the list and the sitemap read the same card."""
    claimant, _claim = claimant_only
    if renamed:
        claimant.name = renamed
        claimant.save()
    version = _credit(claimant, slug="second-check")

    card = public_entity_card(claimant.pk)
    assert card.version == version
    assert public_entity_cards().get(entity=claimant) == card
    assert card.name == (renamed or "Lena Ortiz")


def test_an_entity_nothing_published_involves_has_no_page(client):
    nobody = EntityFactory(name="Nobody Yet", slug="nobody-yet")

    assert public_entity_card(nobody.pk) is None
    assert not public_entity_cards().filter(entity=nobody).exists()
    page = reverse("articles:entity_detail", kwargs={"slug": "nobody-yet"})
    assert client.get(page).status_code == 404
