"""Guards for what the Nu HTML checker found on the public pages: ``<time datetime>``
values with more than three fraction digits (Django's ``date:'c'`` writes six),
``aria-labelledby`` on a ``<div>`` with no role (naming is prohibited there), a
``<section>`` with no heading of its own (the retraction notice), and a refused address
shown back in an ``<input type="url">`` (whose value must be an absolute URL).

The last test runs the checker itself over every public page when a ``vnu.jar`` is at
hand (env VNU_JAR; ``.ci/run`` installs one): once for all pages, since the JVM is slow
to start. It is skipped without one, except on CI, where it must run.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import AuthorProfile, Citation, SourceCheck, SourceHealth
from articles.services import workflow
from articles.services.sources import record_check
from articles.templatetags.public_tags import isodatetime
from policies.models import PageKind, PolicyPage
from tests.factories import UserFactory
from tests.publishing import desk_publisher, make_fact_check, publish

pytestmark = pytest.mark.django_db

# A publication time with microseconds, as timezone.now() gives one.
PUBLISHED_AT = datetime.datetime(2025, 3, 5, 9, 30, 12, 345678, tzinfo=datetime.UTC)
DATETIME = re.compile(r'datetime="([^"]*)"')
FRACTION = re.compile(r"\d\d:\d\d:\d\d\.\d{4,}")
DIV = re.compile(r"<div\b[^>]*>")


def archived_copy(citation):
    """A first good snapshot of the citation's address, then a failed check: the
    citation is dead and readers get our archived copy."""
    for when, fields in (
        (PUBLISHED_AT, {"status_code": 200, "health": SourceHealth.OK}),
        (PUBLISHED_AT + datetime.timedelta(days=90), {"health": SourceHealth.DEAD}),
    ):
        check = SourceCheck(
            citation=citation,
            url=citation.url,
            fetched_at=when,
            final_url=citation.url,
            content_type="text/html",
            title="Council minutes",
            text="Minutes of the meeting.\n\nThe budget was approved.",
            **fields,
        )
        record_check(citation, check)


@pytest.fixture
def pages():
    """Every public page a reader can reach, each answering 200."""
    fact_check = make_fact_check()
    author = UserFactory(username="val", first_name="Val", last_name="Idator")
    AuthorProfile.objects.create(user=author, slug="val-idator", bio="Checks.")
    fact_check.authors.add(author)
    citation = Citation.objects.filter(claim__fact_checks=fact_check).order_by("pk")[0]
    archived_copy(citation)
    publish(fact_check, now=PUBLISHED_AT)
    publish(fact_check, now=PUBLISHED_AT + datetime.timedelta(days=1, microseconds=7))
    workflow.add_correction(fact_check=fact_check, user=desk_publisher(), text="Fix.")
    retracted = make_fact_check(slug="retracted-check", title="Fact-check: withdrawn")
    publish(retracted, now=PUBLISHED_AT)
    workflow.add_correction(
        fact_check=retracted, user=desk_publisher(), text="Wrong.", kind="retraction"
    )
    for kind in PageKind:
        PolicyPage.objects.create(kind=kind, title=kind.label, body="Text.")
    claim = fact_check.versions.get(is_current=True).claims.first()
    slug = {"slug": fact_check.slug}
    return [
        reverse("articles:home"),
        reverse("articles:claim_list"),
        reverse("articles:claim_list") + "?verdict=false&entity=northbridge",
        claim.get_absolute_url(),
        fact_check.get_absolute_url(),
        reverse("articles:factcheck_versions", kwargs=slug),
        reverse("articles:factcheck_detail", kwargs={"slug": "retracted-check"}),
        reverse("articles:factcheck_versions", kwargs={"slug": "retracted-check"}),
        reverse("articles:entity_detail", kwargs={"slug": "ana-lopez"}),
        reverse("articles:search") + "?q=budget",
        reverse("articles:search") + "?q=nothing+like+this",
        reverse("articles:search"),
        *(
            reverse("policies:page", kwargs={"kind": kind})
            for kind in PageKind.values
            if kind != PageKind.TEAM
        ),
        reverse("policies:team"),
        reverse("policies:author", kwargs={"slug": "val-idator"}),
        reverse("articles:source_archive", kwargs={"pk": citation.pk}),
        reverse("articles:suggest_claim"),
        reverse("articles:report_error", kwargs=slug),
        reverse("api:docs"),
    ]


def test_no_public_page_has_microseconds_in_a_datetime_attribute(client, pages):
    seen = 0
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        values = DATETIME.findall(response.content.decode())
        seen += len(values)
        assert [v for v in values if FRACTION.search(v)] == [], url
    assert seen > 10


def test_no_public_page_names_a_plain_div(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        named = [d for d in DIV.findall(html) if "aria-labelledby" in d]
        assert [d for d in named if "role=" not in d] == [], url


class Sectioning(HTMLParser):
    """Collects the ``<section>`` and ``<article>`` elements that hold no heading of
    their own (one inside a nested section or article does not count): the Nu checker
    warns of each, as they leave a hole in the page's outline."""

    SECTIONING = {"section", "article"}
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__()
        self.open: list[list] = []  # [start tag text, has a heading]
        self.headless: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SECTIONING:
            self.open.append([self.get_starttag_text(), False])
        elif tag in self.HEADINGS and self.open:
            self.open[-1][1] = True

    def handle_endtag(self, tag):
        if tag in self.SECTIONING and self.open:
            start, has_heading = self.open.pop()
            if not has_heading:
                self.headless.append(start)


def test_every_section_of_a_public_page_has_a_heading(client, pages):
    for url in pages:
        parser = Sectioning()
        parser.feed(client.get(url).content.decode())
        assert parser.headless == [], url


def test_a_refused_address_is_shown_back_in_a_field_that_may_hold_it(client):
    response = client.post(
        reverse("articles:suggest_claim"),
        {"message": "The mayor said the budget doubled.", "source_url": "not a url"},
    )
    html = response.content.decode()
    assert "Enter an http:// or https://" in html
    field = re.search(r'<input[^>]*name="source_url"[^>]*>', html).group(0)
    assert 'value="not a url"' in field  # kept, for the reader to correct
    # A URL input's value must be an absolute URL: a text input, with the URL
    # keyboard, may hold what the reader typed.
    assert 'type="text"' in field
    assert 'inputmode="url"' in field


def test_isodatetime_drops_microseconds_and_keeps_dates():
    assert isodatetime(PUBLISHED_AT) == "2025-03-05T09:30:12+00:00"
    assert isodatetime("2025-03-05T09:30:12.345678+00:00") == (
        "2025-03-05T09:30:12+00:00"
    )
    assert isodatetime(datetime.date(2025, 3, 1)) == "2025-03-01"
    assert isodatetime(None) == ""


# --- The Nu HTML checker itself ------------------------------------------------------


@pytest.fixture
def nu_checker() -> list[str]:
    """The command running vnu.jar, or a skip (a failure on CI: it must run there).
    Asked for before the pages, so that a skip costs no page set-up."""
    jar = os.environ.get("VNU_JAR", "")
    java = shutil.which("java")
    if jar and Path(jar).is_file() and java:
        return [java, "-jar", jar]
    if os.environ.get("CI") == "true":
        pytest.fail("On CI the Nu HTML checker must run: set VNU_JAR and install Java.")
    pytest.skip("No Nu HTML checker: set VNU_JAR to a vnu.jar (npm package vnu-jar).")


def form_states(client) -> dict[str, str]:
    """The reader forms as a reader sees them after sending: refused, and thanked."""
    suggest = reverse("articles:suggest_claim")
    report = reverse("articles:report_error", kwargs={"slug": "budget-check"})
    refused = {"message": "short", "source_url": "not a url", "contact_email": "x"}
    sent = {"message": "The budget figure is from 2024, not 2025."}
    states = {
        "suggest refused": client.post(suggest, refused).content.decode(),
        "suggest thanked": client.post(suggest, sent, follow=True).content.decode(),
        "report refused": client.post(report, refused).content.decode(),
        "report thanked": client.post(report, sent, follow=True).content.decode(),
    }
    for name, html in states.items():
        assert ("Thank you" if "thanked" in name else 'role="alert"') in html, name
    return states


def test_every_public_page_is_clean_under_the_nu_html_checker(
    nu_checker, client, pages, tmp_path
):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    documents = {url: client.get(url).content.decode() for url in pages}
    documents |= {"404 page": missing.content.decode(), **form_states(client)}
    names = {}
    for number, (name, html) in enumerate(documents.items()):
        (tmp_path / f"page-{number}.html").write_text(html, encoding="utf-8")
        names[f"page-{number}.html"] = name
    # One JVM for all pages; JSON on stdout. Warnings count too; plain notes do not.
    result = subprocess.run(  # noqa: S603 - our own fixed command
        [
            *nu_checker,
            "--format",
            "json",
            "--stdout",
            *sorted(map(str, tmp_path.iterdir())),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    found = [
        f"{names.get(Path(m.get('url', '')).name)}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
    assert found == []
    assert len(names) == len(pages) + 5
