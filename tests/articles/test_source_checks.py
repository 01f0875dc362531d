"""Checking a citation's page: the snapshot, the verdict, the history, the jobs."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Citation, SourceCheck, SourceHealth
from articles.services import sources
from tests.articles import source_network
from tests.articles.source_network import NEWS_IP
from tests.factories import CitationFactory

pytestmark = pytest.mark.django_db

STORY = """<html><head><title>Council approves 4.2 million euro budget</title>
<script>var tracking = 1;</script></head><body>
<nav>Home | News | Sport</nav>
<article><h1>Council approves budget</h1>
<p>The city council of Northbridge approved a budget of 4.2 million euros on
Tuesday, after a debate that lasted into the night.</p>
<p>The mayor said three new libraries would open by 2027, funded from the
culture line of the budget, which rises by a tenth.</p>
<p>Opposition councillors voted against, saying the figures for road repairs
were too low to keep the bridges safe through another winter.</p>
</article><footer>Copyright the Gazette</footer></body></html>"""


@pytest.fixture
def local(settings, httpserver):
    settings.SOURCE_FETCH_ALLOW_PRIVATE = True
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    return httpserver


def check(citation):
    return sources.check_citation(citation_id=citation.pk)


def test_a_first_check_archives_the_page(local):
    local.expect_request("/story").respond_with_data(
        STORY, content_type="text/html; charset=utf-8"
    )
    citation = CitationFactory(url=local.url_for("/story"))
    result = check(citation)
    assert result.health == SourceHealth.OK
    assert result.status_code == 200
    assert result.content_type == "text/html"
    assert result.title == "Council approves 4.2 million euro budget"
    assert "approved a budget of 4.2 million euros" in result.text
    assert "tracking" not in result.text and "Home | News" not in result.text
    assert len(result.sha256) == 64
    citation.refresh_from_db()
    assert citation.source_health == SourceHealth.OK
    assert citation.source_checked_at == result.fetched_at


def test_a_rewritten_page_is_changed_and_a_new_date_line_is_not(local):
    citation = CitationFactory(url=local.url_for("/story"))
    local.expect_oneshot_request("/story").respond_with_data(STORY)
    check(citation)
    tweaked = STORY.replace("on\nTuesday", "on\nWednesday")
    local.expect_oneshot_request("/story").respond_with_data(tweaked)
    second = check(citation)
    assert second.health == SourceHealth.OK
    assert 0.9 < second.similarity < 1.0
    rewritten = STORY.split("<article>")[0] + (
        "<article><p>This page has been replaced. The council's budget story was "
        "withdrawn pending a review of the figures.</p></article>"
    )
    local.expect_oneshot_request("/story").respond_with_data(rewritten)
    third = check(citation)
    assert third.health == SourceHealth.CHANGED
    assert third.similarity < settings.SOURCE_CHANGED_BELOW
    # Compared with the first snapshot, not the last: the history keeps all three.
    assert citation.source_checks.count() == 3
    baseline = SourceCheck.objects.baseline_for(citation.pk, citation.url)
    assert baseline.fetched_at < second.fetched_at
    assert "4.2 million euros" in baseline.text


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_an_error_status_is_dead(local, status):
    local.expect_request("/gone").respond_with_data("no", status=status)
    citation = CitationFactory(url=local.url_for("/gone"))
    result = check(citation)
    assert result.health == SourceHealth.DEAD
    assert result.status_code == status
    assert f"HTTP {status}" in result.error


def test_a_redirect_elsewhere_is_moved_but_a_trailing_slash_is_not(local):
    local.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new-home/story"}
    )
    local.expect_request("/new-home/story").respond_with_data(STORY)
    local.expect_request("/page").respond_with_data(
        "", status=301, headers={"Location": "/page/"}
    )
    local.expect_request("/page/").respond_with_data(STORY)
    moved = check(CitationFactory(url=local.url_for("/old")))
    assert moved.health == SourceHealth.MOVED
    assert moved.final_url == local.url_for("/new-home/story")
    assert moved.redirects == [local.url_for("/new-home/story")]
    assert check(CitationFactory(url=local.url_for("/page"))).health == "ok"


def test_robots_txt_forbidding_the_page_is_recorded_as_blocked(settings, httpserver):
    settings.SOURCE_FETCH_ALLOW_PRIVATE = True
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /\n"
    )
    result = check(CitationFactory(url=httpserver.url_for("/story")))
    assert result.health == SourceHealth.BLOCKED
    assert "robots.txt" in result.error


# --- Dead or unreachable: failures below HTTP --------------------------------------


@pytest.fixture
def network(monkeypatch, httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    return source_network.install(monkeypatch, httpserver.port, news_example=NEWS_IP)


def test_an_unknown_host_is_dead_when_we_are_online(network):
    result = check(CitationFactory(url="https://vanished.example/story"))
    assert result.health == SourceHealth.DEAD
    assert "name-not-found" in result.error


def test_a_refused_connection_is_dead_when_we_are_online(network):
    network.names["closed.example"] = "151.101.1.141"  # not served: refused
    result = check(CitationFactory(url="https://closed.example/story"))
    assert result.health == SourceHealth.DEAD
    assert "connection" in result.error


def test_offline_every_failure_is_unreachable(network):
    network.online = False
    network.names["closed.example"] = "151.101.1.141"
    for url in ["https://vanished.example/", "https://news.example/"]:
        assert check(CitationFactory(url=url)).health == SourceHealth.UNREACHABLE


def test_a_private_address_is_dead_not_fetched(network):
    result = check(CitationFactory(url="http://169.254.169.254/latest/meta-data/"))
    assert result.health == SourceHealth.DEAD
    assert "link-local" in result.error
    assert network.connections == []


# --- The command ---------------------------------------------------------------


def test_check_sources_offline_ends_and_marks_sources_unreachable(network):
    network.online = False
    citations = CitationFactory.create_batch(3)
    out = StringIO()
    call_command("check_sources", stdout=out)
    assert "Checked 3 citation(s): 3 unreachable." in out.getvalue()
    assert set(
        Citation.objects.filter(pk__in=[c.pk for c in citations]).values_list(
            "source_health", flat=True
        )
    ) == {SourceHealth.UNREACHABLE}


def test_check_sources_with_a_closed_local_port_marks_it_unreachable(settings):
    """No monkeypatching of the network at all: the real resolver (which finds no
    online probe in the test sandbox or is told so) and a closed port."""
    settings.SOURCE_FETCH_ALLOW_PRIVATE = True
    settings.SOURCE_FETCH_ONLINE_PROBE = "offline-probe.invalid"
    citation = CitationFactory(url="http://127.0.0.1:9/story")
    out = StringIO()
    call_command("check_sources", "--citation", str(citation.pk), stdout=out)
    assert "1 unreachable" in out.getvalue()


def test_check_sources_ends_in_bounded_time_when_the_dns_never_answers(
    settings, monkeypatch
):
    """Offline the worst way: the resolver takes every question and never answers
    (a nameserver behind a dropped route). Each lookup is waited for at most the
    connect timeout, so the command ends, with every source unreachable."""
    import socket
    import threading
    import time

    from articles.sources import addresses

    settings.SOURCE_FETCH_CONNECT_TIMEOUT = 0.2
    released = threading.Event()

    def hangs(*args, **kwargs):
        released.wait(30)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(addresses.socket, "getaddrinfo", hangs)
    citations = [
        CitationFactory(url=f"https://site{n}.example/story") for n in range(6)
    ]
    out = StringIO()
    started = time.monotonic()
    try:
        call_command("check_sources", stdout=out)
    finally:
        released.set()
    # One probe and six lookups, 0.2 s each at most, with room for a slow machine.
    assert time.monotonic() - started < 6
    assert "Checked 6 citation(s): 6 unreachable." in out.getvalue()
    healths = Citation.objects.filter(pk__in=[c.pk for c in citations])
    assert set(healths.values_list("source_health", flat=True)) == {
        SourceHealth.UNREACHABLE
    }


def test_check_sources_stale_days_skips_fresh_checks(network):
    fresh = CitationFactory(url="https://news.example/a")
    old = CitationFactory(url="https://news.example/b")
    Citation.objects.filter(pk=fresh.pk).update(source_checked_at=timezone.now())
    Citation.objects.filter(pk=old.pk).update(
        source_checked_at=timezone.now() - timedelta(days=9)
    )
    out = StringIO()
    call_command("check_sources", "--stale-days", "7", stdout=out)
    assert "Checked 1 citation(s)" in out.getvalue()
    assert not fresh.source_checks.exists()
    assert old.source_checks.count() == 1


def test_check_sources_refuses_an_unknown_citation(db):
    with pytest.raises(CommandError, match="No citation with id 999"):
        call_command("check_sources", "--citation", "999")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--citation", "99999999999999999999999"], "No citation with id 9999"),
        (["--citation", "0"], "No citation with id 0"),
        (["--stale-days", "999999999"], "--stale-days"),
    ],
)
def test_check_sources_refuses_out_of_range_numbers_clearly(db, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("check_sources", *arguments)


# --- Jobs ------------------------------------------------------------------------


def test_saving_a_citation_checks_its_page_once_per_address(
    local, settings, django_capture_on_commit_callbacks
):
    settings.SOURCE_CHECK_ON_SAVE = True
    local.expect_request("/story").respond_with_data(STORY)
    local.expect_request("/other").respond_with_data(STORY)
    with django_capture_on_commit_callbacks(execute=True):
        citation = CitationFactory(url=local.url_for("/story"))
    assert citation.source_checks.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        citation.excerpt = "approved a budget"
        citation.save()
    assert citation.source_checks.count() == 1  # same address: not fetched again
    with django_capture_on_commit_callbacks(execute=True):
        citation.url = local.url_for("/other")
        citation.save()
    assert list(citation.source_checks.values_list("url", flat=True)) == [
        local.url_for("/other"),
        local.url_for("/story"),
    ]


def test_nothing_is_fetched_on_save_when_the_setting_is_off(
    network, settings, django_capture_on_commit_callbacks
):
    settings.SOURCE_CHECK_ON_SAVE = False
    with django_capture_on_commit_callbacks(execute=True):
        citation = CitationFactory(url="https://news.example/story")
    assert not citation.source_checks.exists()
    assert network.connections == []


def test_beat_rechecks_sources_not_checked_lately(network):
    stale = CitationFactory(url="https://news.example/a")
    fresh = CitationFactory(url="https://news.example/b")
    Citation.objects.filter(pk=fresh.pk).update(source_checked_at=timezone.now())
    assert sources.queue_stale_checks() == 1  # eager in tests: checked at once
    assert stale.source_checks.count() == 1
    assert not fresh.source_checks.exists()
    entry = settings.CELERY_BEAT_SCHEDULE["check-stale-sources"]
    assert entry["task"] == "articles.check_stale_sources"


def test_reading_the_page_again_makes_the_next_snapshot_the_reference(local):
    """An editor who re-reads a changed page and updates "date accessed" accepts its
    new text: checks compare with the first snapshot from that day on."""
    citation = CitationFactory(url=local.url_for("/story"))
    local.expect_oneshot_request("/story").respond_with_data(STORY)
    check(citation)
    replaced = "<p>" + " ".join(f"different words {n}" for n in range(60)) + "</p>"
    local.expect_oneshot_request("/story").respond_with_data(replaced)
    assert check(citation).health == SourceHealth.CHANGED
    citation.accessed_on = timezone.localdate() + timedelta(days=1)
    citation.save()
    with time_machine.travel(timezone.now() + timedelta(days=1, hours=1)):
        local.expect_oneshot_request("/story").respond_with_data(replaced)
        assert check(citation).health == SourceHealth.OK  # the new reference
        local.expect_oneshot_request("/story").respond_with_data(replaced)
        again = check(citation)
    assert again.health == SourceHealth.OK and again.similarity == 1.0
