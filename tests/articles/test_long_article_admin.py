"""Admin pages of the longest article allowed stay small, with bounded queries.

The article (tests/long_article.py): 200,000 characters, 5,000 mentions, quotes,
claims, a fact-check and a history. Server time is measured by bench/admin_pages.py,
not here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.admin.article import MentionInline
from articles.models import Mention
from common.bases import SuggestionState
from tests.articles.admin_helpers import change_form_data
from tests.factories import ArticleFactory, EntityFactory, MentionFactory
from tests.long_article import build_long_article

pytestmark = pytest.mark.django_db

MAX_BYTES = 2_000_000
# Queries per page (second request), pinned: they must not grow with the rows.
QUERIES = {
    "article change": 18,
    "tag page": 51,  # + the pending suggestions job, + known fact-checks (one)
    # No full count and no date hierarchy on these large tables (LargeTableAdminMixin);
    # PostgreSQL adds the planner's estimate of the filtered count (below).
    "mention list": 4,
    "quote list": 4,
    "claim list": 4,
    "article history": 5,
    # + who did what (four eyes), the assignment and discussion panel, and the
    # publish gate's warnings about broken sources and about authors without a
    # profile or a name (one query each)
    "fact-check change": 23,
}


def pages(built):
    article, fact_check = built.article, built.fact_check
    filtered = f"?article__id__exact={article.pk}"
    return {
        "article change": reverse("admin:articles_article_change", args=[article.pk]),
        "tag page": reverse("admin:articles_article_tag", args=[article.pk]),
        "mention list": reverse("admin:articles_mention_changelist") + filtered,
        "quote list": reverse("admin:articles_quote_changelist") + filtered,
        "claim list": reverse("admin:articles_claim_changelist") + filtered,
        "article history": reverse("admin:articles_article_history", args=[article.pk]),
        "fact-check change": reverse(
            "admin:articles_factcheck_change", args=[fact_check.pk]
        ),
    }


def test_every_admin_page_of_the_longest_article_is_small(client, superuser):
    built = build_long_article(user=superuser)
    assert len(built.article.body) == 200_000
    assert Mention.objects.filter(article=built.article).count() == 5_000
    client.force_login(superuser)
    measured = {}
    for name, url in pages(built).items():
        client.get(url)  # counted warm: per-process caches (content types) filled
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        measured[name] = (len(response.content), len(queries))
    too_big = {name: size for name, (size, _) in measured.items() if size > MAX_BYTES}
    assert not too_big
    expected = dict(QUERIES)
    if connection.vendor == "postgresql":
        expected.update({"mention list": 5, "quote list": 5, "claim list": 5})
    assert {name: count for name, (_, count) in measured.items()} == expected


def test_the_long_article_change_page_shows_one_page_of_each_inline(client, superuser):
    built = build_long_article(user=superuser)
    client.force_login(superuser)
    url = reverse("admin:articles_article_change", args=[built.article.pk])
    first = client.get(url)
    formsets = {
        inline.formset.prefix: inline.formset
        for inline in first.context["inline_admin_formsets"]
    }
    assert len(formsets["mentions"].forms) == MentionInline.per_page
    page = first.content.decode()
    assert "Showing mentions 1–25 of 5,000." in page
    assert "Page 1 of 200." in page
    assert f"?article__id__exact={built.article.pk}" in page  # the filtered list
    # Saved as a browser would: a page of rows fits in what a request may carry.
    saved = client.post(url, change_form_data(first, headline="Shorter headline"))
    assert saved.status_code == 302
    built.article.refresh_from_db()
    assert built.article.headline == "Shorter headline"
    second = client.get(url + "?mentions_page=2")
    inline = second.context["inline_admin_formsets"][0]
    shown = [admin_form.form.instance.pk for admin_form in inline]
    expected = list(
        Mention.objects.filter(article=built.article)
        .order_by("start", "pk")
        .values_list("pk", flat=True)[25:50]
    )
    assert [pk for pk in shown if pk] == expected


def test_saving_the_change_form_from_a_later_page_saves_that_page(
    client, superuser, monkeypatch
):
    monkeypatch.setattr(MentionInline, "per_page", 1)
    article = ArticleFactory()
    place = EntityFactory(name="Northbridge")
    mentions = [
        MentionFactory(article=article, entity=place, text="Northbridge", occurrence=n)
        for n in (1, 2)
    ]
    client.force_login(superuser)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url + "?mentions_page=2")
    data = change_form_data(page)
    assert data["mentions-TOTAL_FORMS"] == "1"
    assert data["mentions-0-id"] == str(mentions[1].pk)
    data["mentions-0-suggestion_state"] = SuggestionState.REJECTED
    response = client.post(url + "?mentions_page=2", data)
    assert response.status_code == 302
    states = [
        Mention.objects.get(pk=m.pk).suggestion_state for m in mentions
    ]  # the other pages are untouched
    assert states == [SuggestionState.CONFIRMED, SuggestionState.REJECTED]


def test_the_tag_page_pages_its_suggestions_but_accepts_all(client, superuser):
    built = build_long_article(user=superuser)
    client.force_login(superuser)
    url = reverse("admin:articles_article_tag", args=[built.article.pk])
    page = client.get(url).content.decode()
    pending = Mention.objects.filter(
        article=built.article, suggestion_state=SuggestionState.SUGGESTED
    ).order_by("start")
    first_entity = pending.first().entity
    total = pending.filter(entity=first_entity).count()
    # 1,000 pending mentions: 50 rows shown; "accept all" counts every one.
    assert page.count('data-action="accept" data-type="mention"') == 50
    assert f"Accept all {total} mentions" in page
    assert "1–50 of 1,000." in page
    assert "pending_mentions_page=2#pending-mentions" in page
    later = client.get(url + "?pending_mentions_page=20").content.decode()
    assert "951–1,000 of 1,000." in later


def test_a_save_edits_the_rows_shown_even_if_the_page_has_shifted(
    client, superuser, monkeypatch
):
    monkeypatch.setattr(MentionInline, "per_page", 1)
    article = ArticleFactory()
    place = EntityFactory(name="Northbridge")
    first, second = (
        MentionFactory(article=article, entity=place, text="Northbridge", occurrence=n)
        for n in (1, 2)
    )
    client.force_login(superuser)
    url = (
        reverse("admin:articles_article_change", args=[article.pk]) + "?mentions_page=2"
    )
    data = change_form_data(client.get(url))
    assert data["mentions-0-id"] == str(second.pk)
    # Meanwhile someone tags the first occurrence again: page 2 now starts earlier.
    MentionFactory(article=article, text="Northbridge", occurrence=1)
    data["mentions-0-suggestion_state"] = SuggestionState.REJECTED
    assert client.post(url, data).status_code == 302
    second.refresh_from_db()
    assert second.suggestion_state == SuggestionState.REJECTED
