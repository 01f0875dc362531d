"""The desk's policy pages, rating scale and team pages."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import VERDICT_MEANINGS, VERDICT_RATINGS, AuthorProfile, Verdict
from policies.models import PageKind, PolicyPage
from tests.factories import UserFactory
from tests.publishing import NOW, make_fact_check, publish, unpublish
from tests.sitemaps import sitemap_files

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def about(kind):
    return reverse("policies:page", kwargs={"kind": kind})


def write(kind, body="First paragraph.\n\nSecond <b>paragraph</b>.", **fields):
    return PolicyPage.objects.create(
        kind=kind, title=f"The {kind}", body=body, **fields
    )


def test_a_policy_page_shows_its_text_escaped_in_paragraphs(
    client, django_assert_max_num_queries
):
    write(PageKind.METHODOLOGY)
    with django_assert_max_num_queries(1):
        response = client.get(about("methodology"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "The methodology" in html
    assert "<p>First paragraph.</p>" in html
    assert "<p>Second &lt;b&gt;paragraph&lt;/b&gt;.</p>" in html


def test_an_unwritten_or_unpublished_policy_or_unknown_kind_is_404(client):
    assert client.get(about("corrections")).status_code == 404
    write(PageKind.CORRECTIONS, is_published=False)
    assert client.get(about("corrections")).status_code == 404
    assert client.get(about("no-such-policy")).status_code == 404
    # The team has its own address, not /about/team/ as a policy kind.
    assert client.get(about("team")).status_code == 200


def test_rating_scale_lists_every_verdict_with_its_claimreview_rating(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        html = client.get(about("ratings")).content.decode()
    rows = re.findall(
        r'<tr id="verdict-([a-z_]+)">.*?<td>(.*?)</td>\s*<td class="rating-value">'
        r"(\d+)</td>",
        html,
        re.S,
    )
    assert {verdict: int(rating) for verdict, _m, rating in rows} == {
        v.value: r for v, r in VERDICT_RATINGS.items()
    }
    assert len(rows) == len(Verdict)
    ratings = [int(r) for _v, _m, r in rows]
    assert ratings == sorted(ratings, reverse=True)  # best first
    meanings = {verdict: meaning for verdict, meaning, _r in rows}
    assert meanings["false"] == str(VERDICT_MEANINGS[Verdict.FALSE])


def test_every_verdict_has_a_meaning():
    assert set(VERDICT_MEANINGS) == set(Verdict)


@pytest.fixture
def author():
    user = UserFactory(username="pat", first_name="Pat", last_name="Checker")
    return AuthorProfile.objects.create(
        user=user,
        slug="pat-checker",
        role="Fact-checker",
        bio="Pat checks <i>budgets</i>.",
    )


def _publish_by(profile):
    fact_check = make_fact_check()
    fact_check.authors.add(profile.user)
    publish(fact_check, now=NOW)
    return fact_check


def test_team_pages_show_only_authors_of_published_fact_checks(
    client, author, django_capture_on_commit_callbacks
):
    url = reverse("policies:author", kwargs={"slug": "pat-checker"})
    assert client.get(url).status_code == 404
    assert "Pat Checker" not in client.get(reverse("policies:team")).content.decode()
    # Publishing and unpublishing refresh the cached team pages (the "team" tag).
    with django_capture_on_commit_callbacks(execute=True):
        fact_check = _publish_by(author)
    assert "Pat Checker" in client.get(reverse("policies:team")).content.decode()
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        unpublish(fact_check)
    assert client.get(url).status_code == 404
    assert "Pat Checker" not in client.get(reverse("policies:team")).content.decode()


def test_author_page_has_bio_fact_checks_and_a_person(
    client, author, django_assert_max_num_queries
):
    _publish_by(author)
    url = reverse("policies:author", kwargs={"slug": "pat-checker"})
    with django_assert_max_num_queries(2):
        html = client.get(url).content.decode()
    assert "Pat checks &lt;i&gt;budgets&lt;/i&gt;." in html
    assert "Fact-check: the budget story" in html
    [person] = [
        i for i in map(json.loads, SCRIPT.findall(html)) if "Person" in i.values()
    ]
    assert person["@type"] == "Person" and person["url"].endswith(url)


def test_fact_check_json_ld_links_authors_to_their_team_page(client, author):
    _publish_by(author)
    html = client.get(
        reverse("articles:factcheck_detail", kwargs={"slug": "budget-check"})
    ).content.decode()
    article = next(json.loads(b) for b in SCRIPT.findall(html) if '"NewsArticle"' in b)
    assert 'By <a href="/about/team/pat-checker/">Pat Checker</a>' in html
    [person] = article["author"]
    assert person["@type"] == "Person" and person["name"] == "Pat Checker"
    assert person["url"].endswith("/about/team/pat-checker/")


def test_sitemap_lists_written_policies_the_scale_and_public_authors(client, author):
    write(PageKind.METHODOLOGY)
    write(PageKind.FEEDBACK, is_published=False)
    _publish_by(author)
    xml = "\n".join(sitemap_files(client))
    assert "/about/methodology/</loc>" in xml
    assert "/about/ratings/</loc>" in xml
    assert "/about/team/</loc>" in xml
    assert "/about/team/pat-checker/</loc>" in xml
    assert "/about/feedback/" not in xml


def test_editing_a_policy_refreshes_the_cached_page(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = write(PageKind.METHODOLOGY, body="Old text.")
    assert "Old text." in client.get(about("methodology")).content.decode()
    page.body = "New text."
    with django_capture_on_commit_callbacks(execute=True):
        page.save()
    assert "New text." in client.get(about("methodology")).content.decode()
    assert page.history.count() == 2  # every change kept (simple-history)


def test_demo_policies_say_they_are_placeholders_and_load_once(client):
    UserFactory(username="editor", first_name="Demo", last_name="Editor")
    call_command("load_demo_policies", stdout=StringIO())
    call_command("load_demo_policies", stdout=StringIO())
    assert PolicyPage.objects.count() == len(PageKind)
    for page in PolicyPage.objects.all():
        assert "demo desk's placeholder" in page.body
    assert AuthorProfile.objects.get().slug == "demo-editor"
    assert "placeholder" in client.get(about("ownership-funding")).content.decode()


# --- Bylines: every author a Person with a url ----------------------------------------


def test_an_author_without_a_team_page_is_a_warning_before_publishing(author):
    """A byline without a profile would be a Person with no url in the JSON-LD, and
    one without a name would be left out of the byline: the desk is told, and
    publishing is not blocked."""
    from articles.services import workflow

    fact_check = make_fact_check()
    fact_check.authors.add(author.user)
    assert workflow.publish_warnings(fact_check) == []

    fact_check.authors.add(
        UserFactory(username="sam", first_name="Sam", last_name="Writer"),
        UserFactory(username="nameless", first_name="", last_name=""),
    )
    warnings = workflow.publish_warnings(fact_check)
    assert warnings == [
        "Author “Sam Writer” has no author profile: the byline will not link to a "
        "team page, and the structured data will name them without a url.",
        "Author “nameless” has no name on their account: they will be left out of "
        "the byline.",
    ]
    publish(fact_check, now=NOW)
    fact_check.refresh_from_db()
    assert fact_check.state == "published"


def test_the_admin_shows_the_author_warning_on_the_change_page(client):
    from tests.factories import UserFactory as Users

    fact_check = make_fact_check()
    fact_check.authors.add(Users(username="sam", first_name="Sam", last_name="Writer"))
    client.force_login(Users(username="boss", is_staff=True, is_superuser=True))
    html = client.get(
        reverse("admin:articles_factcheck_change", args=[fact_check.pk])
    ).content.decode()
    assert "To look at before publishing (publishing is not blocked)" in html
    assert "Author “Sam Writer” has no author profile" in html


def test_a_renamed_team_page_keeps_its_old_address(
    client, author, django_capture_on_commit_callbacks
):
    """The published fact-check pages (stored) and their JSON-LD carry the address
    the team page had when they were published: renaming it must not break them."""
    _publish_by(author)
    page = reverse("articles:factcheck_detail", kwargs={"slug": "budget-check"})
    old = reverse("policies:author", kwargs={"slug": "pat-checker"})
    with django_capture_on_commit_callbacks(execute=True):
        author.slug = "pat-checker-budgets"
        author.save()
    assert f'href="{old}"' in client.get(page).content.decode()
    response = client.get(old)
    assert response.status_code == 302  # the old address may be given away later
    assert response["Location"] == author.get_absolute_url()
    assert client.get(author.get_absolute_url()).status_code == 200
    # An address no profile ever had, or a profile readers may not see, is a 404.
    assert client.get("/about/team/nobody/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        author.user.first_name = author.user.last_name = ""
        author.user.save()
    assert client.get(old).status_code == 404


def test_an_old_address_someone_else_now_holds_never_leads_to_the_first_author(
    client, author, django_capture_on_commit_callbacks
):
    """Pat's page moved from "pat-checker"; Sam (not shown to readers yet) took the
    old address. A reader following it must not land on Pat's page."""
    _publish_by(author)
    old = reverse("policies:author", kwargs={"slug": "pat-checker"})
    with django_capture_on_commit_callbacks(execute=True):
        author.slug = "pat-checker-budgets"
        author.save()
        sam = UserFactory(username="sam", first_name="Sam", last_name="Other")
        AuthorProfile.objects.create(user=sam, slug="pat-checker", bio="New.")
    assert client.get(old).status_code == 404
