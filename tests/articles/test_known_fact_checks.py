"""Other publishers' ClaimReview imported as known fact-checks, and matched."""

import importlib
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.intake.claimreview import FeedRefused, parse_feed
from articles.intake.services import import_claimreviews
from articles.models import ClaimReviewImport, KnownFactCheck
from articles.services.repeats import find_known_fact_checks
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

FEED = Path(__file__).resolve().parent.parent / "data" / "claimreview_feed.json"
LIBRARIES = "https://factdesk.example.org/checks/northbridge-libraries"


def review(**overrides):
    item = {
        "@type": "ClaimReview",
        "claimReviewed": "The harbour tunnel cost twice its budget.",
        "reviewRating": {"alternateName": "False", "ratingValue": "1"},
        "author": {"name": "Example Checkers", "url": "https://checkers.example.org/"},
        "url": "https://checkers.example.org/tunnel",
        "datePublished": "2025-02-01",
    }
    item.update(overrides)
    return item


def as_bytes(document) -> bytes:
    return json.dumps(document).encode()


def test_a_data_feed_file_is_read_item_by_item():
    parsed = parse_feed(FEED.read_bytes())

    assert parsed.problems == []
    first, second = parsed.items
    assert first.claim_reviewed == "Northbridge will open three new libraries by 2027."
    assert first.claimant_name == "Ana Lopez"
    assert (first.rating_text, first.rating_value) == ("Mostly false", "2")
    assert (first.publisher_name, first.publisher_url) == (
        "Example Fact Desk",
        "https://factdesk.example.org/",
    )
    assert first.review_url == LIBRARIES
    assert first.published_on.isoformat() == "2025-03-20"
    assert first.language == "en"
    # An author given as a list, a timestamp for a date, no rating value.
    assert second.publisher_name == "Another Example Checker"
    assert second.published_on.isoformat() == "2025-01-15"
    assert second.rating_value == ""


def test_a_bare_list_of_claim_reviews_is_accepted():
    parsed = parse_feed(as_bytes([review(), review(url="https://x.example.org/2")]))
    assert [i.review_url for i in parsed.items] == [
        "https://checkers.example.org/tunnel",
        "https://x.example.org/2",
    ]


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        (review(claimReviewed=""), "item 2: claimReviewed is missing"),
        (review(claimReviewed=5), "item 2: claimReviewed must be text"),
        (review(reviewRating=None), "item 2: reviewRating is missing"),
        (review(reviewRating={"ratingValue": 3}), "alternateName is missing"),
        (review(author={"url": "https://a.example.org"}), "author.name is missing"),
        (review(url="javascript:alert(1)"), "url: not an http(s) address"),
        (review(url=None), "item 2: url is missing"),
        (review(datePublished="last week"), "is not a date"),
        (review(**{"@type": "Review"}), "not ClaimReview"),
        (review(claimReviewed="nul\x00here"), "control character"),
        ("just text", "item 2: not an object"),
        (review(url="https://ok.example.org/1"), "url repeats item 1"),
    ],
)
def test_a_malformed_item_is_refused_with_its_reason_and_nothing_is_stored(
    broken, reason
):
    good = review(url="https://ok.example.org/1")
    data = as_bytes([good, broken])

    with pytest.raises(FeedRefused) as refused:
        import_claimreviews(data=data, source_name="feed.json", trusted=True)

    assert len(refused.value.problems) == 1
    assert reason in refused.value.problems[0]
    assert not KnownFactCheck.objects.exists()
    assert not ClaimReviewImport.objects.exists()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (as_bytes({"@type": "WebPage"}), "not DataFeed"),
        (as_bytes({"@type": "DataFeed"}), "no dataFeedElement"),
        (as_bytes([]), "no ClaimReview"),
        (as_bytes(7), "neither a DataFeed"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'[{"ratingValue": ' + b"9" * 5000 + b"}]", "cannot be read"),
    ],
)
def test_a_file_that_is_no_feed_is_refused(data, reason):
    with pytest.raises(FeedRefused) as refused:
        parse_feed(data)
    assert reason in refused.value.problems[0]


def test_a_feed_item_without_a_claim_review_is_refused():
    feed = {"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem"}]}
    with pytest.raises(FeedRefused) as refused:
        import_claimreviews(data=as_bytes(feed), source_name="f", trusted=True)
    assert refused.value.problems == [
        "dataFeedElement 1: a DataFeedItem without a ClaimReview in item"
    ]


def test_import_stores_known_fact_checks_and_a_reimport_updates_them():
    result = import_claimreviews(
        data=FEED.read_bytes(), source_name="feed.json", trusted=True
    )
    assert (result.created, result.updated) == (2, 0)
    known = KnownFactCheck.objects.get(review_url=LIBRARIES)
    assert known.rating_text == "Mostly false"
    assert known.source == result.batch

    changed = json.loads(FEED.read_text())
    changed["dataFeedElement"][0]["item"][0]["reviewRating"]["alternateName"] = "False"
    again = import_claimreviews(
        data=as_bytes(changed), source_name="feed-2.json", trusted=True
    )

    assert (again.created, again.updated) == (0, 2)
    assert KnownFactCheck.objects.count() == 2
    known.refresh_from_db()
    assert known.rating_text == "False"
    assert known.source.source_name == "feed-2.json"


def test_import_needs_the_permission(editor, reviewer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_claimreviews(data=FEED.read_bytes(), source_name="f", user=reviewer)
    import_claimreviews(data=FEED.read_bytes(), source_name="f", user=editor)
    assert KnownFactCheck.objects.count() == 2


def test_the_command_imports_a_file(tmp_path):
    out = StringIO()
    call_command("import_claimreviews", str(FEED), stdout=out)
    assert "2 new, 0 updated" in out.getvalue()

    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps([review(), review(url="ftp://x.example.org/")]))
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 problem"):
        call_command("import_claimreviews", str(broken), stderr=err)
    assert "item 2: url: not an http(s) address" in err.getvalue()
    assert KnownFactCheck.objects.count() == 2


def test_the_command_refuses_a_file_over_the_limit(tmp_path, settings):
    settings.CLAIMREVIEW_IMPORT_MAX_BYTES = 100
    with pytest.raises(CommandError, match="the limit is 100"):
        call_command("import_claimreviews", str(FEED))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_claimreviews", str(tmp_path / "missing.json"))


def test_the_command_refuses_a_folder_clearly(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_claimreviews", str(tmp_path))


def test_an_address_another_import_stored_meanwhile_refuses_the_file(monkeypatch):
    """Two uploads of one feed at once: the other import stored an address after this
    one looked for it (simulated: the look finds nothing). Refused whole, clearly."""
    import_claimreviews(
        data=as_bytes([review()]), source_name="other.json", trusted=True
    )
    monkeypatch.setattr(
        KnownFactCheck.objects, "select_for_update", KnownFactCheck.objects.none
    )
    data = as_bytes([review(url="https://b.example.org/2"), review()])

    with pytest.raises(FeedRefused) as refused:
        import_claimreviews(data=data, source_name="mine.json", trusted=True)

    assert "at the same time" in refused.value.problems[0]
    assert list(ClaimReviewImport.objects.values_list("source_name", flat=True)) == [
        "other.json"
    ]
    assert list(KnownFactCheck.objects.values_list("review_url", flat=True)) == [
        "https://checkers.example.org/tunnel"
    ]


# --- The admin's upload page ------------------------------------------------------


def upload(client, data: bytes, name="feed.json"):
    return client.post(
        reverse("admin:articles_knownfactcheck_import"),
        {"feed": SimpleUploadedFile(name, data, content_type="application/json")},
    )


def test_an_editor_uploads_a_feed(client, editor):
    client.force_login(editor)
    changelist = client.get(reverse("admin:articles_knownfactcheck_changelist"))
    assert reverse("admin:articles_knownfactcheck_import").encode() in (
        changelist.content
    )

    response = upload(client, FEED.read_bytes())

    assert response.status_code == 302
    assert KnownFactCheck.objects.count() == 2
    batch = ClaimReviewImport.objects.get()
    assert (batch.imported_by, batch.created_count) == (editor, 2)


def test_an_upload_with_a_bad_item_lists_the_reasons_and_stores_nothing(client, editor):
    client.force_login(editor)
    response = upload(
        client,
        as_bytes(
            [
                review(),
                review(url=None),
                review(url="https://a.example.org/3", reviewRating={}),
            ]
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was imported: 2 items were refused." in html
    assert "item 2: url is missing" in html
    assert "item 3: reviewRating.alternateName is missing" in html
    assert not KnownFactCheck.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(client, editor, settings):
    settings.CLAIMREVIEW_IMPORT_MAX_BYTES = 50
    client.force_login(editor)
    response = upload(client, FEED.read_bytes())
    assert response.status_code == 200
    assert "the limit is 50" in response.content.decode()
    assert not KnownFactCheck.objects.exists()


def test_the_upload_page_needs_the_import_permission(client, reviewer, publisher):
    url = reverse("admin:articles_knownfactcheck_import")
    assert client.get(url).status_code == 302
    for user in (reviewer, publisher):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert upload(client, FEED.read_bytes()).status_code == 403
    assert not KnownFactCheck.objects.exists()


# --- Matching new claims against them ---------------------------------------------


def test_a_claim_like_a_known_fact_check_is_matched():
    import_claimreviews(data=FEED.read_bytes(), source_name="f", trusted=True)

    found, nothing, empty = find_known_fact_checks(
        [
            "The mayor says Northbridge will open three new libraries by 2027.",
            "Pakistan launched a satellite in 1990.",
            "",
        ]
    )

    assert [known.review_url for known, _score in found] == [LIBRARIES]
    assert 0.72 <= found[0][1] <= 1
    assert nothing == empty == []


def test_a_match_is_found_among_many_reviews_sharing_one_common_word():
    """A large feed (Data Commons carries tens of thousands of reviews) has hundreds
    naming "government": the one that shares most of the claim's words is still
    compared, however late it was imported."""
    noise = [
        review(
            claimReviewed=f"The government of country {n} announced a programme.",
            url=f"https://noise.example.org/{n}",
        )
        for n in range(1200)
    ]
    match = review(
        claimReviewed="The government will open three new libraries in Northbridge.",
        url="https://checkers.example.org/libraries",
    )
    import_claimreviews(data=as_bytes([*noise, match]), source_name="f", trusted=True)

    [found] = find_known_fact_checks(
        ["The government says it will open three new libraries in Northbridge."]
    )

    assert [known.review_url for known, _score in found] == [match["url"]]


def test_the_tag_page_shows_the_other_publishers_verdict_and_link(client, editor):
    import_claimreviews(data=FEED.read_bytes(), source_name="f", trusted=True)
    article = ArticleFactory()
    ClaimFactory(
        article=article,
        statement="Northbridge will open three new libraries by 2027, the mayor said.",
    )
    client.force_login(editor)

    html = client.get(
        reverse("admin:articles_article_tag", args=[article.pk])
    ).content.decode()

    assert "Checked by other publishers:" in html
    assert "Mostly false" in html
    assert "Example Fact Desk" in html
    assert f'href="{LIBRARIES}"' in html


def test_the_known_fact_checks_admin_is_read_only(client, editor):
    import_claimreviews(data=FEED.read_bytes(), source_name="f", trusted=True)
    known = KnownFactCheck.objects.get(review_url=LIBRARIES)
    client.force_login(editor)
    url = reverse("admin:articles_knownfactcheck_change", args=[known.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"rating_text": "True"})
    known.refresh_from_db()
    assert known.rating_text == "Mostly false"
    assert client.get(reverse("admin:articles_knownfactcheck_add")).status_code == 403


def test_who_may_import(editor, publisher):
    assert editor.has_perm("articles.add_knownfactcheck")
    assert not publisher.has_perm("articles.add_knownfactcheck")
    assert UserFactory().has_perm("articles.add_knownfactcheck") is False


def test_a_lone_surrogate_in_a_review_is_refused_and_nothing_is_stored():
    data = as_bytes([review(claimReviewed="A claim \ud800 cut in half")])
    assert b"\\ud800" in data  # JSON's escape of a lone surrogate
    with pytest.raises(FeedRefused) as refused:
        import_claimreviews(data=data, source_name="f", trusted=True)
    assert "U+D800" in " ".join(refused.value.problems)
    assert not KnownFactCheck.objects.exists()


# --- Hostile and odd files ----------------------------------------------------------


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity", b"1e400"])
def test_a_rating_that_is_no_finite_number_is_refused(constant):
    data = as_bytes([review()]).replace(b'"1"', constant)
    assert constant in data

    with pytest.raises(FeedRefused) as refused:
        import_claimreviews(data=data, source_name="f", trusted=True)

    assert "not a finite number" in " ".join(refused.value.problems)
    assert not KnownFactCheck.objects.exists()


@pytest.mark.parametrize(
    "value", ["2025-02-01 and then some", "2025-02-01T", "2025-02-01T25:00:00"]
)
def test_a_date_with_anything_after_the_day_but_a_time_is_refused(value):
    with pytest.raises(FeedRefused) as refused:
        import_claimreviews(
            data=as_bytes([review(datePublished=value)]), source_name="f", trusted=True
        )
    assert "is not a date" in refused.value.problems[0]


@pytest.mark.parametrize(
    "value", ["2025-02-01", "2025-02-01T10:00:00Z", "2025-02-01T23:30:00-05:00"]
)
def test_a_day_or_a_timestamp_is_read_as_its_day(value):
    [item] = parse_feed(as_bytes([review(datePublished=value)])).items
    assert item.published_on.isoformat() == "2025-02-01"


def test_a_huge_value_is_quoted_short_in_the_reason():
    data = as_bytes([review(**{"@type": ["Thing"] * 50_000})])
    [problem] = parse_feed(data).problems
    assert "not ClaimReview" in problem
    assert len(problem) < 200

    with pytest.raises(FeedRefused) as refused:
        parse_feed(as_bytes({"@type": "x" * 1_000_000}))
    assert len(refused.value.problems[0]) < 200


def test_one_address_spelt_with_other_capitals_is_a_repeat():
    data = as_bytes(
        [review(), review(url="HTTPS://Checkers.Example.ORG/tunnel", claimReviewed="x")]
    )
    with pytest.raises(FeedRefused) as refused:
        import_claimreviews(data=data, source_name="f", trusted=True)
    assert refused.value.problems == [
        "item 2: url repeats item 1 (https://checkers.example.org/tunnel)"
    ]


def test_types_given_as_lists_are_read():
    feed = {
        "@type": ["DataFeed"],
        "dataFeedElement": [
            {**review(), "@type": ["ClaimReview"]},
            {"@type": "DataFeedItem", "item": review(url="https://b.example.org/2")},
        ],
    }
    parsed = parse_feed(as_bytes(feed))
    assert parsed.problems == []
    assert len(parsed.items) == 2


def test_addresses_stored_before_the_lower_case_rule_are_rewritten_once():
    """Rows imported before scheme and host were lower-cased: the migration makes
    each address the importer's spelling, keeping the last import of a page spelt
    two ways, so a re-import updates instead of adding a duplicate."""
    from django.apps import apps

    normalised = importlib.import_module(
        "articles.migrations.0033_known_factcheck_addresses_normalised"
    )
    batch = ClaimReviewImport.objects.create(source_name="old.json")
    stored = {
        "https://Checkers.Example.org/tunnel": "Old",
        "HTTPS://checkers.example.org/tunnel": "Newer",
        "https://CHECKERS.example.org/Bridge": "Bridge",
    }
    for url, rating in stored.items():
        KnownFactCheck.objects.create(
            claim_reviewed="A claim.",
            rating_text=rating,
            publisher_name="Example Checkers",
            review_url=url,
            source=batch,
        )
    normalised.normalise(apps, None)
    assert dict(KnownFactCheck.objects.values_list("review_url", "rating_text")) == {
        "https://checkers.example.org/tunnel": "Newer",
        "https://checkers.example.org/Bridge": "Bridge",
    }
    again = import_claimreviews(
        data=as_bytes([review(url="https://checkers.example.org/Bridge")]),
        source_name="new.json",
        trusted=True,
    )
    assert (again.created, again.updated) == (0, 1)
