import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles.cache import clear_public_cache
from articles.models import Verdict
from articles.services import workflow
from tests.factories import EntityFactory, UserFactory
from tests.publishing import (
    NOW,
    checked_claim,
    desk_publisher,
    make_fact_check,
    publish,
    simple_fact_check,
    unpublish,
)
from tests.sitemaps import all_sitemap_urls

pytestmark = pytest.mark.django_db


def claim_urls(fact_check):
    return [c.get_absolute_url() for c in fact_check.ordered_claims()]


def public_urls(fact_check):
    return [
        reverse("articles:factcheck_detail", kwargs={"slug": fact_check.slug}),
        *claim_urls(fact_check),
        *(
            reverse("articles:claim_short", kwargs={"pk": c.pk})
            for c in fact_check.ordered_claims()
        ),
        reverse("articles:entity_detail", kwargs={"slug": "ana-lopez"}),
        reverse("articles:entity_detail", kwargs={"slug": "northbridge"}),
    ]


def test_home_lists_published_fact_checks_with_verdict_counts(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("articles:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fact-check: the budget story" in html
    assert 'class="badge verdict-badge verdict-true"' in html
    assert "× 1" in html


def test_home_is_paginated(client):
    for number in range(12):
        publish(simple_fact_check(number), now=NOW)
    first = client.get(reverse("articles:home")).content.decode()
    second = client.get(reverse("articles:home") + "?page=2").content.decode()
    assert first.count('class="factcheck-teaser') == 10
    assert second.count('class="factcheck-teaser') == 2
    assert "Page 2 of 2" in second
    # A page number that is not one is a clear page, never a 500.
    assert client.get(reverse("articles:home") + "?page=abc").status_code == 200


def test_fact_check_page_shows_cards_citations_and_highlights(
    client, published, django_assert_max_num_queries
):
    url = reverse("articles:factcheck_detail", kwargs={"slug": "budget-check"})
    # The page rendered at publication (with its version) and the corrections.
    with django_assert_max_num_queries(2):
        response = client.get(url)
    html = response.content.decode()
    claim1, claim2 = published.ordered_claims()
    assert response.status_code == 200
    assert f'id="claim-{claim1.pk}"' in html
    assert "Verdict: </span>True</span>" in html
    assert "The minutes record the vote." in html
    assert 'href="/entities/northbridge-gazette/"' in html
    assert "Northbridge City Council" in html
    assert 'href="https://archive.example.org/minutes"' in html
    assert "2 March 2025" in html
    assert f'href="#claim-{claim2.pk}"' in html
    assert '<mark class="hl hl-claim' in html
    assert "Key" in html
    assert f'href="{claim1.get_absolute_url()}"' in html
    assert "Read the original" in html
    assert '<html lang="en">' in html
    assert '<link rel="canonical" href="http' in html
    assert 'property="og:title" content="Fact-check: the budget story"' in html
    assert "Updated" not in html


def test_republished_page_says_updated_and_shows_corrections(client, published):
    later = NOW + datetime.timedelta(days=2)
    with time_machine.travel(later, tick=False):
        workflow.add_correction(
            fact_check=published,
            user=desk_publisher(),
            text="We misnamed the council clerk.",
            kind="clarification",
        )
    publish(published, now=later)
    html = client.get(
        reverse("articles:factcheck_detail", kwargs={"slug": "budget-check"})
    ).content.decode()
    assert "Updated" in html
    assert "7 March 2025" in html
    assert "We misnamed the council clerk." in html
    assert "<strong>Clarification</strong>" in html
    assert "Published <time" in html and "5 March 2025" in html


def test_edits_after_publication_are_invisible_until_republished(
    client, published, django_capture_on_commit_callbacks
):
    claim = published.ordered_claims()[0]
    claim.verdict_summary = "A secret new summary."
    claim.save()
    published.summary = "Draft summary edit."
    published.save()
    url = reverse("articles:factcheck_detail", kwargs={"slug": "budget-check"})
    html = client.get(url).content.decode()
    assert "A secret new summary." not in html
    assert "Draft summary edit." not in html
    with django_capture_on_commit_callbacks(execute=True):
        publish(published, now=NOW + datetime.timedelta(hours=1))
    html = client.get(url).content.decode()
    assert "A secret new summary." in html
    assert "Draft summary edit." in html


def test_every_public_url_of_an_unpublished_fact_check_is_404(client):
    draft = make_fact_check()
    for url in public_urls(draft):
        assert client.get(url).status_code == 404, url
    assert "budget" not in client.get(reverse("articles:home")).content.decode()
    assert (
        client.get(reverse("articles:claim_list")).content.decode().count("claim-row")
        == 0
    )


def test_unpublishing_hides_everything_again(
    client, published, django_capture_on_commit_callbacks
):
    urls = public_urls(published)
    for url in urls:
        assert client.get(url).status_code in {200, 301}, url
    with django_capture_on_commit_callbacks(execute=True):
        unpublish(published)
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_staff_also_get_404_on_public_urls_of_drafts(client):
    draft = make_fact_check()
    client.force_login(UserFactory(is_superuser=True))
    for url in public_urls(draft):
        assert client.get(url).status_code == 404, url


def test_claim_page_wrong_slug_redirects_to_canonical(client, published):
    claim = published.ordered_claims()[0]
    response = client.get(
        reverse("articles:claim_detail", kwargs={"pk": claim.pk, "slug": "wrong"})
    )
    assert response.status_code == 301
    assert response["Location"] == claim.get_absolute_url()
    short = client.get(reverse("articles:claim_short", kwargs={"pk": claim.pk}))
    assert short["Location"] == claim.get_absolute_url()


def test_claim_page_has_card_and_one_claimreview(
    client, published, django_assert_max_num_queries
):
    claim = published.ordered_claims()[1]
    with django_assert_max_num_queries(1):
        response = client.get(claim.get_absolute_url())
    html = response.content.decode()
    assert html.count('"@type": "ClaimReview"') == 1
    assert "Northbridge will open three new libraries by 2027." in html
    assert "False" in html
    assert '<h2 class="h5 card-title"' in html


def test_entity_page_lists_fact_checks_and_claims(
    client, published, django_assert_max_num_queries
):
    # The entity that held the address (and that no other did), its latest card, its
    # fact-checks and its claims.
    with django_assert_max_num_queries(5):
        response = client.get(
            reverse("articles:entity_detail", kwargs={"slug": "ana-lopez"})
        )
    html = response.content.decode()
    assert "Mayor of Northbridge." in html
    assert "Claims made by Ana Lopez" in html
    assert "three new libraries" in html
    assert "Fact-check: the budget story" in html
    city = client.get(
        reverse("articles:entity_detail", kwargs={"slug": "northbridge"})
    ).content.decode()
    assert 'href="https://www.wikidata.org/wiki/Q1234"' in city
    assert 'href="https://example.org/northbridge"' in city


def test_entity_with_nothing_published_is_404(client, published):
    EntityFactory(slug="nobody")
    url = reverse("articles:entity_detail", kwargs={"slug": "nobody"})
    assert client.get(url).status_code == 404
    assert client.get("/entities/does-not-exist/").status_code == 404


def test_claims_index_filters(client, published, django_assert_max_num_queries):
    url = reverse("articles:claim_list")
    # The filter's suggestions (two counts and their names) are then kept in the cache.
    with django_assert_max_num_queries(5):
        html = client.get(url).content.decode()
    with django_assert_max_num_queries(2):
        assert client.get(url, {"verdict": "true"}).status_code == 200
    assert html.count("claim-row") == 2
    assert '<label class="form-label" for="id_verdict">Verdict</label>' in html
    only_false = client.get(url, {"verdict": "false"}).content.decode()
    assert only_false.count("claim-row") == 1
    assert "three new libraries" in only_false
    by_claimant = client.get(url, {"claimant": "northbridge-gazette"}).content.decode()
    assert by_claimant.count("claim-row") == 1
    assert "4.2 million" in by_claimant
    by_entity = client.get(url, {"entity": "northbridge"}).content.decode()
    assert by_entity.count("claim-row") == 1
    by_name = client.get(url, {"entity": "Northbridge"}).content.decode()
    assert by_name.count("claim-row") == 1
    bad = client.get(url, {"verdict": "nonsense", "entity": "zzz"})
    assert bad.status_code == 200
    assert "Select a valid choice" in bad.content.decode()
    assert "Nothing published names “zzz”" in bad.content.decode()


def test_claims_index_is_paginated_keeping_filters(client):
    fact_check = simple_fact_check(0)
    for position in range(2, 23):
        checked_claim(fact_check, position=position)
    publish(fact_check, now=NOW)
    html = client.get(reverse("articles:claim_list"), {"verdict": "mixed"})
    html = html.content.decode()
    assert html.count("claim-row") == 20
    assert 'href="?verdict=mixed&amp;page=2"' in html


def test_pages_are_cached_for_readers_until_cleared(
    client, published, django_assert_num_queries
):
    url = reverse("articles:factcheck_detail", kwargs={"slug": "budget-check"})
    first = client.get(url)
    assert first["X-Public-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Public-Cache"] == "hit"
    assert second.content == first.content
    clear_public_cache()
    assert client.get(url)["X-Public-Cache"] == "miss"


def test_made_up_query_strings_are_served_fresh_and_not_stored(client, published):
    home = reverse("articles:home")
    for query in ("?x=1", "?x=2", "?page=abc", "?page=1&page=2", "?q=" + "z" * 300):
        response = client.get(home + query)
        assert response.status_code == 200
        assert "X-Public-Cache" not in response
    # The parameters a page reads are cached, whatever their order.
    claims = reverse("articles:claim_list")
    assert client.get(claims + "?verdict=mixed&page=1")["X-Public-Cache"] == "miss"
    assert client.get(claims + "?page=1&verdict=mixed")["X-Public-Cache"] == "hit"


def test_claim_page_links_carry_only_the_filters(client):
    fact_check = simple_fact_check(0)
    for position in range(2, 23):
        checked_claim(fact_check, position=position)
    publish(fact_check, now=NOW)
    response = client.get(
        reverse("articles:claim_list") + "?verdict=mixed&utm_source=mail"
    )
    html = response.content.decode()
    assert 'href="?verdict=mixed&amp;page=2"' in html
    assert "utm_source" not in html


def test_publishing_clears_the_cache(
    client, published, django_capture_on_commit_callbacks
):
    url = reverse("articles:home")
    client.get(url)
    other = simple_fact_check(99)
    with django_capture_on_commit_callbacks(execute=True):
        publish(other, now=timezone.now())
    assert "Check 99" in client.get(url).content.decode()


def test_signed_in_users_are_not_served_cached_pages(client, published):
    url = reverse("articles:home")
    client.get(url)
    client.force_login(UserFactory())
    assert "X-Public-Cache" not in client.get(url)


def test_robots_txt_points_at_sitemap():
    from django.test import Client

    body = Client().get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /review/" in body
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body


def test_sitemap_lists_published_pages_only(client, published):
    draft = make_fact_check(slug="draft-check", title="Draft")
    xml = "\n".join(all_sitemap_urls(client))
    assert f"{settings.SITE_URL}/fact-checks/budget-check/" in xml
    assert f"{settings.SITE_URL}/" in xml
    for claim in published.ordered_claims():
        assert f"{settings.SITE_URL}{claim.get_absolute_url()}" in xml
    assert f"{settings.SITE_URL}/entities/ana-lopez/" in xml
    assert "draft-check" not in xml
    assert draft.ordered_claims()[0].get_absolute_url() not in xml


VERDICT_CSS = Path(settings.BASE_DIR, "static/css/newsroom.css")


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_verdict_badge_colours_meet_aa_contrast_with_white_text():
    css = VERDICT_CSS.read_text()
    colours = dict(
        re.findall(r"\.verdict-(\w+) \{ background-color: (#[0-9a-f]{6}); \}", css)
    )
    assert set(Verdict.values) <= set(colours)
    for verdict, colour in colours.items():
        ratio = 1.05 / (_luminance(colour) + 0.05)
        assert ratio >= 4.5, (verdict, colour, ratio)


def test_old_address_of_a_renamed_fact_check_redirects(client, published):
    published.slug = "budget-check-renamed"
    published.save()
    publish(published, now=NOW + datetime.timedelta(days=1))
    response = client.get("/fact-checks/budget-check/")
    assert response.status_code == 301
    assert response["Location"] == "/fact-checks/budget-check-renamed/"
    assert client.get("/fact-checks/never-existed/").status_code == 404


def test_not_found_page_is_the_site_page(client):
    response = client.get("/fact-checks/never-existed/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert '<main id="main"' in html


def test_claimreview_feed_and_sitemap_query_counts(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        assert client.get(reverse("articles:claimreview_feed")).status_code == 200
    # The index: a count and a latest date for each database-backed section, the
    # written policy pages (one list) and the team pages (a count).
    with django_assert_max_num_queries(8):
        assert client.get(reverse("articles:sitemap")).status_code == 200
    # A section's file: its count and its page.
    for section in ("home", "fact-checks", "claims", "entities"):
        with django_assert_max_num_queries(2):
            url = reverse("articles:sitemap_section", kwargs={"section": section})
            assert client.get(url).status_code == 200


def test_the_page_rendered_at_publication_is_the_page_rendered_live(
    client, published, django_assert_max_num_queries
):
    from articles.models import PublishedPage

    url = reverse("articles:factcheck_detail", kwargs={"slug": "budget-check"})
    workflow.add_correction(
        fact_check=published, user=desk_publisher(), text="A later fix."
    )
    stored = {}
    for language in ("en", "fr"):
        stored[language] = client.get(url, headers={"accept-language": language})
    assert "mars 2025" in stored["fr"].content.decode()  # the French month name
    assert "March 2025" in stored["en"].content.decode()
    assert "A later fix." in stored["en"].content.decode()
    assert PublishedPage.objects.count() == len(settings.LANGUAGES)

    PublishedPage.objects.all().delete()  # e.g. published before pages were stored
    clear_public_cache()
    for language in ("en", "fr"):
        # The version, the corrections, the page row and the dead sources; and the
        # footer's policy links, which emptying the whole cache forgot (read once).
        with django_assert_max_num_queries(5 if language == "en" else 4):
            live = client.get(url, headers={"accept-language": language})
        assert live.content == stored[language].content


def test_render_published_pages_renders_them_again(client, published):
    from io import StringIO

    from django.core.management import call_command

    from articles.models import PublishedPage

    PublishedPage.objects.all().delete()
    out = StringIO()
    call_command("render_published_pages", stdout=out)
    assert "Rendered 1 published" in out.getvalue()
    assert PublishedPage.objects.count() == len(settings.LANGUAGES)
