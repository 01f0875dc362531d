"""The shared public page cache: tags, HTTP caching headers, compression, CDN purges."""

from __future__ import annotations

import datetime
import gzip
import json
import logging
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from articles.cache import cache_public_page, invalidate_tags_now
from articles.purge import MAX_RETRIES, purge_cdn_tags
from entities.models import Entity
from tests.factories import UserFactory
from tests.publishing import (
    NOW,
    desk_publisher,
    make_fact_check,
    publish,
    simple_fact_check,
    unpublish,
)

pytestmark = pytest.mark.django_db

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "newsroom_cache",
    }
}
REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "")


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings):
    """The cache backends that work across processes: the embedded database cache
    (the default) and Redis (when NEWSROOM_TEST_REDIS_URL names a test database)."""
    if request.param == "redis":
        if not REDIS_URL:
            pytest.skip("NEWSROOM_TEST_REDIS_URL is not set")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": "newsroom-tests",
            }
        }
    else:
        settings.CACHES = DATABASE_CACHE
    cache.clear()
    yield request.param
    cache.clear()


def state(client, url, **headers):
    return client.get(url, headers=headers).get("X-Public-Cache")


def page(slug):
    return reverse("articles:factcheck_detail", kwargs={"slug": slug})


# Invalidating what changed ---------------------------------------------------------


def test_publishing_one_fact_check_leaves_the_others_cached_pages_in_place(
    client, shared_cache, django_capture_on_commit_callbacks
):
    first, second = simple_fact_check(1), simple_fact_check(2)
    publish(first, now=NOW)
    publish(second, now=NOW)
    for url in (page("check-1"), page("check-2"), "/"):
        client.get(url)
        assert state(client, url) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        publish(first)

    assert state(client, page("check-2")) == "hit"
    assert state(client, page("check-1")) == "miss"
    assert state(client, "/") == "miss"


def test_unpublishing_hides_its_pages_and_only_its_pages(
    client, shared_cache, django_capture_on_commit_callbacks
):
    budget = make_fact_check()
    other = simple_fact_check(3)
    publish(budget, now=NOW)
    publish(other, now=NOW)
    version = budget.versions.get()
    urls = [
        page("budget-check"),
        *(c.get_absolute_url() for c in version.claims.all()),
        reverse("articles:entity_detail", kwargs={"slug": "ana-lopez"}),
        reverse("articles:claim_list"),
    ]
    assert "three new libraries" in client.get(urls[-1]).content.decode()
    for url in [*urls, page("check-3")]:
        assert client.get(url).status_code == 200
        assert state(client, url) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        unpublish(budget)

    for url in urls[:-1]:
        assert client.get(url).status_code == 404, url
    assert "three new libraries" not in client.get(urls[-1]).content.decode()
    assert state(client, page("check-3")) == "hit"


def test_a_correction_refreshes_only_its_fact_check_page(
    client, shared_cache, django_capture_on_commit_callbacks
):
    from articles.services import workflow

    budget = make_fact_check()
    publish(budget, now=NOW)
    client.get(page("budget-check"))
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.add_correction(
            fact_check=budget, user=desk_publisher(), text="We fixed a date."
        )
    assert "We fixed a date." in client.get(page("budget-check")).content.decode()
    assert state(client, "/") == "hit"


def test_an_entity_change_reaches_its_cached_page_with_the_next_publication(
    client, shared_cache, django_capture_on_commit_callbacks
):
    """Readers see an entity as it was published: a live edit leaves the cached page
    as it is, and the publication that carries the edit refreshes it at once."""
    fact_check = make_fact_check()
    publish(fact_check, now=NOW)
    url = reverse("articles:entity_detail", kwargs={"slug": "ana-lopez"})
    assert "Mayor of Northbridge." in client.get(url).content.decode()
    entity = Entity.objects.get(slug="ana-lopez")
    with django_capture_on_commit_callbacks(execute=True):
        entity.description = "Former mayor of Northbridge."
        entity.save()
    page = client.get(url).content.decode()
    assert "Mayor of Northbridge." in page
    assert "Former mayor of Northbridge." not in page
    with django_capture_on_commit_callbacks(execute=True):
        publish(fact_check, now=NOW + datetime.timedelta(hours=1))
    assert "Former mayor of Northbridge." in client.get(url).content.decode()


def test_a_page_rendered_during_an_invalidation_is_not_stored_as_current(
    shared_cache,
):
    """The tags' generations are read before the view reads the database: a change
    committed while the page renders leaves the stored page stale, not current."""
    renders = []

    @cache_public_page(tags=["thing"])
    def view(request):
        renders.append(1)
        if len(renders) == 1:
            invalidate_tags_now(["thing"])  # a publication commits meanwhile
        return HttpResponse(f"render {len(renders)}")

    def get():
        request = RequestFactory().get("/thing/")
        request.user = AnonymousUser()
        return view(request)

    assert get()["X-Public-Cache"] == "miss"
    assert get()["X-Public-Cache"] == "miss"  # the first render was not trusted
    assert get()["X-Public-Cache"] == "hit"
    assert len(renders) == 2


# HTTP caching ----------------------------------------------------------------------


def test_anonymous_pages_carry_shared_cache_headers_and_tags(
    client, published, settings
):
    settings.PUBLIC_PAGE_MAX_AGE = 30
    settings.PUBLIC_PAGE_S_MAXAGE = 900
    for _ in range(2):  # miss, then hit
        response = client.get(page("budget-check"))
        control = {p.strip() for p in response["Cache-Control"].split(",")}
        assert control == {"public", "max-age=30", "s-maxage=900"}
        vary = {v.strip().lower() for v in response["Vary"].split(",")}
        assert {"accept-encoding", "accept-language", "cookie"} <= vary
        assert response["ETag"].startswith('W/"')
        assert set(response["Surrogate-Key"].split()) == {
            "public",
            "factcheck:budget-check",
        }


def test_signed_in_users_get_private_never_cached_pages(client, published):
    client.force_login(UserFactory())
    response = client.get(page("budget-check"))
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "Surrogate-Key" not in response


def test_a_conditional_get_is_answered_304_from_the_cache_without_queries(
    client, published, django_assert_num_queries
):
    url = page("budget-check")
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert client.get(url, headers={"if-none-match": 'W/"other"'}).status_code == 200


def test_a_conditional_get_on_a_miss_is_a_304_too(client, published):
    url = page("budget-check")
    etag = client.get(url)["ETag"]
    cache.clear()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304


def test_pages_are_gzipped_for_readers_that_accept_it(client, published):
    url = page("budget-check")
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    for _ in range(2):  # miss, then hit
        packed = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
        assert packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content) / 3
        assert int(packed["Content-Length"]) == len(packed.content)
        assert packed["ETag"] == plain["ETag"]


def test_pages_for_signed_in_users_are_never_compressed(client, published):
    """BREACH: pages with a CSRF token or other secrets stay uncompressed."""
    client.force_login(UserFactory())
    response = client.get(page("budget-check"), headers={"accept-encoding": "gzip"})
    assert "Content-Encoding" not in response


def test_the_favicon_exists(client):
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.svg")
    assert "max-age" in response["Cache-Control"]


# CDN purges ------------------------------------------------------------------------


class PurgeRecorder(BaseHTTPRequestHandler):
    received: list[tuple[str, str, dict]] = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.command, self.headers["Surrogate-Key"], body))
        self.send_response(self.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    PurgeRecorder.received = []
    PurgeRecorder.status = 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CACHE_PURGE_URL = f"http://127.0.0.1:{server.server_port}/purge"
    settings.CACHE_PURGE_TIMEOUT = 2
    yield PurgeRecorder
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_publishing_asks_the_cdn_to_purge_the_changed_tags_after_commit(
    purge_server, django_capture_on_commit_callbacks
):
    fact_check = make_fact_check()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(fact_check, now=NOW)
    assert purge_server.received == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(purge_server.received) == 1
    method, header, body = purge_server.received[0]
    assert method == "POST"
    tags = set(header.split())
    assert set(json.loads(body)["tags"]) == tags
    version = fact_check.versions.get()
    assert {
        "factcheck:budget-check",
        "home",
        "claims-index",
        "sitemap",
        "feeds",
        "search",
        "team",
        "entity:ana-lopez",
        "entity:northbridge",
        "entity:northbridge-gazette",
        *(f"claim:{c.claim_ref}" for c in version.claims.all()),
    } == tags


@pytest.fixture
def eager_retries():
    """Eager tasks re-run at once on ``retry()`` when errors do not propagate."""
    conf = purge_cdn_tags.app.conf
    before = conf.task_eager_propagates
    conf.task_eager_propagates = False
    yield
    conf.task_eager_propagates = before


def test_a_failing_purge_is_retried_then_logged_never_raised(
    purge_server, caplog, eager_retries
):
    purge_server.status = 503
    with caplog.at_level(logging.WARNING, logger="articles.purge"):
        purge_cdn_tags.apply(args=[["home"]]).get()
    assert len(purge_server.received) == MAX_RETRIES + 1
    assert "giving up" in caplog.text


def test_an_unreachable_purge_endpoint_times_out_and_is_logged(
    settings, caplog, eager_retries
):
    settings.CACHE_PURGE_URL = "http://127.0.0.1:9/purge"  # discard port: refused
    settings.CACHE_PURGE_TIMEOUT = 1
    with caplog.at_level(logging.WARNING, logger="articles.purge"):
        purge_cdn_tags.apply(args=[["home"]]).get()
    assert "giving up" in caplog.text


def test_with_the_page_cache_off_every_page_is_rendered_with_its_headers(
    client, published, settings
):
    settings.PUBLIC_PAGE_CACHE_ENABLED = False
    url = page("budget-check")
    first, second = client.get(url), client.get(url)
    assert first["X-Public-Cache"] == second["X-Public-Cache"] == "off"
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
