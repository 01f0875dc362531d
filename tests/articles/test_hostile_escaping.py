"""Hostile text in every reader-visible field, and in every reflected parameter.

Each field gets its own payload, ``evil("xheadline")`` and so on: an ``<img>`` tag with
an ``onerror`` handler, both quote characters (to break out of an attribute) and
``</script><!--`` (to end a JSON-LD block early). The content is published through the
workflow services and every page that shows it is fetched. Each page is checked for
what broken escaping would produce (the raw tag, a raw ``</script><!--``) and for the
escaped text, so removing escaping in any one place makes a test here fail; the
mutations this was checked against are listed in the branch's report.
"""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlencode

import pytest
from django.contrib.admin.sites import site as admin_site
from django.urls import reverse
from django.utils.html import escape

from articles.models import AttributionReview, Verdict
from articles.services import workflow
from articles.services.review import dispute_attribution
from entities.models import EntityKind
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    EntityFactory,
    FactCheckFactory,
    MentionFactory,
    QuoteFactory,
    UserFactory,
)
from tests.publishing import NOW, checked_claim, desk_publisher, publish
from tests.sitemaps import all_sitemap_urls, sitemap_files

pytestmark = pytest.mark.django_db


def evil(tag: str) -> str:
    """A payload that names its field, so a failure says which field leaked."""
    return f"{tag} <img src=x onerror={tag}(1)> \"'</script><!-- {tag}"


def evil_url(tag: str) -> str:
    """A valid http(s) address that would break out of an ``href`` unescaped."""
    return f'https://records.example.org/{tag}?a="><img/src=x/onerror={tag}(1)>'


# What any unescaped payload leaves in HTML: the tag itself, or an early script end.
RAW_TAG = re.compile(r"<img[\s/]+src=x")
RAW_SCRIPT_END = "</script><!--"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)

FIELDS = {
    # model field -> tag; the tag is a plain word readers could search for.
    "headline": "xheadline",
    "byline": "xbyline",
    "body": "xbody",
    "context": "xcontext",
    "quote": "xquote",
    "speaker_text": "xspeakertext",
    "claim_text": "xclaimtext",
    "publication": "xpublication",
    "entity_name": "xentityname",
    "entity_description": "xentitydescription",
    "alias": "xalias",
    "claimant": "xclaimant",
    "claimant_description": "xclaimantdescription",
    "statement": "xstatement",
    "verdict_summary": "xverdictsummary",
    "analysis": "xanalysis",
    "citation_title": "xcitationtitle",
    "citation_publisher": "xcitationpublisher",
    "citation_excerpt": "xcitationexcerpt",
    "title": "xtitle",
    "summary": "xsummary",
    "correction": "xcorrection",
    "author_first": "xauthorfirst",
    "author_last": "xauthorlast",
}
P = {name: evil(tag) for name, tag in FIELDS.items()}
URLS = {
    "citation_url": evil_url("xcitationurl"),
    "archived_url": evil_url("xarchivedurl"),
    "original_url": evil_url("xoriginalurl"),
}


def escaped(name: str) -> str:
    return escape(P[name]) if name in P else escape(URLS[name])


def body_text() -> str:
    return "\n".join(
        (
            f"The council of {P['alias']} approved a budget on Monday.",
            f"“{P['quote']},” said {P['speaker_text']} after {P['context']}.",
            f"Officials said {P['claim_text']} in a statement.",
            P["body"],
        )
    )


@pytest.fixture
def hostile():
    """A fact-check whose every reader-visible field is hostile, published."""
    publication = EntityFactory(name=P["publication"], kind=EntityKind.PUBLICATION)
    article = ArticleFactory(
        headline=P["headline"],
        byline=P["byline"],
        body=body_text(),
        publication=publication,
        original_url=URLS["original_url"],
        published_on=datetime.date(2025, 3, 1),
    )
    place = EntityFactory(
        name=P["entity_name"],
        description=P["entity_description"],
        kind=EntityKind.PLACE,
    )
    alias = AliasFactory(entity=place, name=P["alias"])
    MentionFactory(article=article, entity=place, text=P["alias"])
    quote = QuoteFactory(
        article=article, speaker=None, speaker_text=P["speaker_text"], text=P["quote"]
    )
    claimant = EntityFactory(
        name=P["claimant"],
        description=P["claimant_description"],
        kind=EntityKind.PERSON,
    )
    fact_check = FactCheckFactory(
        article=article, slug="hostile", title=P["title"], summary=P["summary"]
    )
    fact_check.authors.add(
        UserFactory(
            username="hostile-author",
            first_name=P["author_first"],
            last_name=P["author_last"],
        )
    )
    claim = checked_claim(
        fact_check,
        position=1,
        text=P["claim_text"],
        statement=P["statement"],
        speaker=claimant,
        verdict=Verdict.FALSE,
        verdict_summary=P["verdict_summary"],
        analysis=P["analysis"],
        citation={
            "url": URLS["citation_url"],
            "archived_url": URLS["archived_url"],
            "title": P["citation_title"],
            "publisher": P["citation_publisher"],
            "excerpt": P["citation_excerpt"],
        },
    )
    # Everything above is what an editor could type: the models accept it.
    for obj in (article, place, alias, claimant, fact_check, claim, quote):
        obj.full_clean()
    claim.citations.get().full_clean()
    publish(fact_check, now=NOW)
    workflow.add_correction(
        fact_check=fact_check, user=desk_publisher(), text=P["correction"]
    )
    version = fact_check.versions.get()
    return {
        "fact_check": fact_check,
        "article": article,
        "place": place,
        "alias": alias,
        "claimant": claimant,
        "claim": claim,
        "quote": quote,
        "claim_url": version.claims.get().get_absolute_url(),
    }


def fetch(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def assert_no_raw_markup(html: str, url: str) -> None:
    """Nothing a payload carries reaches the HTML unescaped."""
    match = RAW_TAG.search(html)
    assert match is None, (url, html[max(0, match.start() - 120) : match.end() + 40])
    assert RAW_SCRIPT_END not in html, url


def assert_shows(html: str, url: str, *names: str) -> None:
    """Each named payload is on the page, escaped, in full."""
    missing = [name for name in names if escaped(name) not in html]
    assert not missing, (url, missing)


PUBLIC_PAGES = {
    # page -> payloads it shows in full
    "home": ("title", "summary", "publication"),
    "fact-check": (
        "title",
        "summary",
        "headline",
        "byline",
        "publication",
        "body",
        "context",
        "quote",
        "claim_text",
        "alias",
        "statement",
        "claimant",
        "verdict_summary",
        "analysis",
        "citation_title",
        "citation_publisher",
        "citation_excerpt",
        "citation_url",
        "archived_url",
        "original_url",
        "correction",
        "author_first",
        "author_last",
    ),
    "claim": (
        "statement",
        "claimant",
        "verdict_summary",
        "analysis",
        "citation_title",
        "citation_publisher",
        "citation_excerpt",
        "citation_url",
        "archived_url",
        "original_url",
        "title",
        "headline",
    ),
    "claims": ("statement", "claimant", "verdict_summary", "title"),
    "entity": ("entity_name", "entity_description", "title"),
    "claimant": ("claimant", "claimant_description", "statement", "verdict_summary"),
    "publication": ("publication", "title"),
    "search-title": ("title", "summary", "xtitle-term"),
    "search-claim": ("statement", "verdict_summary", "claimant", "xstatement-term"),
}


def public_url(page: str, hostile) -> str:
    return {
        "home": "/",
        "fact-check": "/fact-checks/hostile/",
        "claim": hostile["claim_url"],
        "claims": "/claims/",
        "entity": hostile["place"].get_absolute_url(),
        "claimant": hostile["claimant"].get_absolute_url(),
        "publication": hostile["article"].publication.get_absolute_url(),
        "search-title": "/search/?q=xtitle",
        "search-claim": "/search/?q=xstatement",
    }[page]


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_hostile_fields_are_escaped_on_public_pages(client, hostile, page):
    url = public_url(page, hostile)
    html = fetch(client, url)
    assert_no_raw_markup(html, url)
    assert_shows(html, url, *(n for n in PUBLIC_PAGES[page] if not n.endswith("-term")))


def test_attribute_values_keep_their_quotes_escaped(client, hostile):
    """A mention's and a quote's title attribute, and a citation's href, hold the
    whole payload as one attribute value."""
    html = fetch(client, "/fact-checks/hostile/")
    assert f'title="{escape(P["entity_name"])}"' in html
    assert f'title="Quote attributed to {escape(P["speaker_text"])}"' in html
    assert f'href="{escape(URLS["citation_url"])}"' in html
    assert f'href="{escape(URLS["original_url"])}"' in html
    # The page's own meta description carries the summary (truncated) as a value.
    assert '<meta name="description" content="xsummary &lt;img' in html


def json_ld_strings(html: str, url: str) -> list[str]:
    blocks = JSON_LD.findall(html)
    assert blocks, url
    strings: list[str] = []

    def walk(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for block in blocks:
        assert "<" not in block and ">" not in block, (url, block[:200])
        walk(json.loads(block))  # an early </script> leaves broken JSON
    return strings


@pytest.mark.parametrize(
    ("page", "names"),
    [
        (
            "fact-check",
            (
                "title",
                "summary",
                "statement",
                "claimant",
                "headline",
                "author_first",
                "entity_name",
            ),
        ),
        ("claim", ("statement", "claimant", "headline")),
    ],
)
def test_json_ld_holds_hostile_text_without_ending_its_script(
    client, hostile, page, names
):
    url = public_url(page, hostile)
    strings = json_ld_strings(fetch(client, url), url)
    text = "\n".join(strings)
    missing = [name for name in names if P[name] not in text]
    assert not missing, (url, missing)


def test_the_claimreview_feed_is_json_that_no_browser_renders(client, hostile):
    response = client.get("/claimreview.json")
    assert response["Content-Type"].startswith("application/ld+json")
    assert response["X-Content-Type-Options"] == "nosniff"
    (review,) = response.json()["dataFeedElement"]
    assert review["claimReviewed"] == P["statement"]
    assert review["itemReviewed"]["author"]["name"] == P["claimant"]
    assert review["itemReviewed"]["appearance"]["headline"] == P["headline"]


@pytest.mark.parametrize(
    ("url", "entry", "title", "content"),
    [
        ("/feeds/fact-checks.rss", "channel/item", "title", "description"),
        (
            "/feeds/fact-checks.atom",
            "{http://www.w3.org/2005/Atom}entry",
            "{http://www.w3.org/2005/Atom}title",
            "{http://www.w3.org/2005/Atom}summary",
        ),
    ],
)
def test_feeds_carry_hostile_text_as_text(client, hostile, url, entry, title, content):
    xml = client.get(url).content.decode()
    assert_no_raw_markup(xml, url)
    (item,) = ET.fromstring(xml).findall(entry)  # noqa: S314 (our own feed)
    assert item.find(title).text == P["title"]
    assert P["summary"] in item.find(content).text
    assert P["statement"] in item.find(content).text


def test_the_sitemap_lists_hostile_entities_by_safe_addresses(client, hostile):
    assert_no_raw_markup(client.get("/sitemap.xml").content.decode(), "/sitemap.xml")
    for xml in sitemap_files(client):
        assert_no_raw_markup(xml, "a sitemap file")
    locations = all_sitemap_urls(client)
    assert any(
        loc.endswith(hostile["place"].get_absolute_url()) for loc in locations
    ), locations
    assert all(re.fullmatch(r"[\w:/.\-]+", loc) for loc in locations), locations


# -- reflected parameters --------------------------------------------------------

REFLECTED = evil("xreflected")


@pytest.mark.parametrize(
    "url",
    [
        "/search/?" + urlencode({"q": REFLECTED}),
        "/search/?" + urlencode({"q": REFLECTED, "page": REFLECTED}),
        "/claims/?" + urlencode({"verdict": REFLECTED}),
        "/claims/?" + urlencode({"claimant": REFLECTED, "entity": REFLECTED}),
        "/claims/?" + urlencode({"verdict": "false", "page": REFLECTED}),
        "/?" + urlencode({"page": REFLECTED}),
        f"/feeds/fact-checks.rss?q={quote(REFLECTED)}",
        f"/sitemap.xml?p={quote(REFLECTED)}",
    ],
)
def test_reflected_parameters_are_escaped(client, hostile, url):
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    assert_no_raw_markup(response.content.decode(), url)


def test_the_search_term_is_shown_escaped_in_the_title_the_box_and_the_text(client):
    html = fetch(client, "/search/?" + urlencode({"q": REFLECTED}))
    term = escape(REFLECTED)
    assert f"<title>Search: {term} — " in html
    assert f'value="{term}"' in html
    assert f"No fact-check matches “{term}”." in html
    assert_no_raw_markup(html, "/search/")


def test_an_invalid_claims_filter_is_named_escaped_in_its_error(client, hostile):
    html = fetch(client, "/claims/?" + urlencode({"verdict": REFLECTED}))
    assert f"{escape(REFLECTED)} is not one of the available choices" in html
    assert_no_raw_markup(html, "/claims/")


# -- staff pages ------------------------------------------------------------------


def test_review_pages_escape_hostile_text(client, reviewer, hostile):
    client.force_login(reviewer)
    quote_url = reverse(
        "articles:review_item", kwargs={"kind": "quote", "pk": hostile["quote"].pk}
    )
    claim_url = reverse(
        "articles:review_item", kwargs={"kind": "claim", "pk": hostile["claim"].pk}
    )
    pages = {
        # The quote's paragraph (span, cue, speaker and the text between) and the
        # paragraphs around it.
        quote_url: (
            "headline",
            "quote",
            "speaker_text",
            "context",
            "alias",
            "claim_text",
        ),
        claim_url: (
            "headline",
            "claim_text",
            "statement",
            "claimant",
            "claimant_description",
            "verdict_summary",
        ),
    }
    for url, names in pages.items():
        html = fetch(client, url)
        assert_no_raw_markup(html, url)
        assert_shows(html, url, *names)
    for query in (
        {"state": "all"},
        {"state": REFLECTED, "kind": REFLECTED, "article": REFLECTED},
        {"speaker": REFLECTED, "page": REFLECTED},
    ):
        url = reverse("articles:review_queue") + "?" + urlencode(query)
        html = fetch(client, url)
        assert_no_raw_markup(html, url)
    html = fetch(client, reverse("articles:review_queue") + "?state=all")
    assert escape(P["speaker_text"]) in html or escape(P["claimant"]) in html
    assert_shows(html, "queue", "quote")


def test_the_tag_page_escapes_hostile_text(client, editor, hostile):
    client.force_login(editor)
    url = reverse("admin:articles_article_tag", args=[hostile["article"].pk])
    html = fetch(client, url)
    assert_no_raw_markup(html, url)
    assert_shows(html, url, "claim_text", "alias")
    # Spelling flags split "xbody" and "xquote" off: the markup between stays whole.
    for name in ("body", "quote"):
        assert escape(P[name].split(" ", 1)[1].rsplit(" ", 1)[0]) in html, name
    assert escape(f"Mention of {P['entity_name']}") in html
    assert escape(f"Quote of {P['speaker_text']}") in html


ADMIN_OBJECTS = {
    # fixture key -> payloads its change page shows in full
    "article": ("headline", "byline", "body"),
    "place": ("entity_name", "entity_description", "alias"),
    "claimant": ("claimant", "claimant_description"),
    "claim": ("statement", "verdict_summary", "analysis"),
    "quote": ("speaker_text",),
    "fact_check": ("title", "summary"),
}


@pytest.mark.parametrize("key", ADMIN_OBJECTS)
def test_admin_change_and_list_pages_escape_hostile_text(
    client, superuser, hostile, key
):
    client.force_login(superuser)
    obj = hostile[key]
    opts = obj._meta
    assert obj.__class__ in admin_site._registry
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    html = fetch(client, change)
    assert_no_raw_markup(html, change)
    assert_shows(html, change, *ADMIN_OBJECTS[key])
    for view in ("changelist", "history"):
        args = [] if view == "changelist" else [obj.pk]
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
        assert_no_raw_markup(fetch(client, url), url)


def test_admin_pages_of_citations_corrections_and_mentions_escape(
    client, superuser, hostile
):
    client.force_login(superuser)
    citation = hostile["claim"].citations.get()
    correction = hostile["fact_check"].corrections.get()
    mention = hostile["article"].mentions.get()
    for obj, names in (
        (citation, ("citation_title", "citation_publisher", "citation_excerpt")),
        (correction, ("correction",)),
        (mention, ("alias",)),
    ):
        opts = obj._meta
        for view, args in (("change", [obj.pk]), ("changelist", [])):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
            html = fetch(client, url)
            assert_no_raw_markup(html, url)
            if view == "change":
                assert_shows(html, url, *names)


def test_a_disputed_quote_with_a_hostile_note_is_escaped_for_reviewers(
    client, reviewer, hostile
):
    dispute_attribution(item=hostile["quote"], user=reviewer, note=evil("xnote"))
    hostile["quote"].refresh_from_db()
    assert hostile["quote"].review_state == AttributionReview.DISPUTED
    client.force_login(reviewer)
    url = reverse(
        "articles:review_item", kwargs={"kind": "quote", "pk": hostile["quote"].pk}
    )
    html = fetch(client, url)
    assert_no_raw_markup(html, url)
    assert escape(evil("xnote")) in html
