"""The footer and the about menu link only the policy pages that exist."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from policies.models import PageKind, PolicyPage

pytestmark = pytest.mark.django_db

FOOTER = re.compile(r'<nav[^>]*aria-label="Our policies">(.*?)</nav>', re.S)
ABOUT_NAV = re.compile(r'<nav class="about-nav[^>]*>(.*?)</nav>', re.S)
HREF = re.compile(r'href="([^"]+)"')


def about(kind):
    return reverse("policies:page", kwargs={"kind": kind})


def links(client, url, menu=FOOTER):
    html = client.get(url).content.decode()
    return HREF.findall(menu.search(html).group(1))


def policy_reads(queries):
    return [q["sql"] for q in queries.captured_queries if "policypage" in q["sql"]]


def write(kind, **fields):
    return PolicyPage.objects.create(
        kind=kind, title=f"The {kind}", body="Our rules.", **fields
    )


GENERATED = [about("ratings"), reverse("policies:team")]


def test_a_fresh_desk_links_only_the_generated_pages_and_none_is_a_404(client):
    cache.clear()  # a fresh deployment: the links are not known yet
    home = reverse("articles:home")
    assert links(client, home) == GENERATED
    assert links(client, about("ratings"), ABOUT_NAV) == GENERATED
    for url in links(client, home):
        assert client.get(url).status_code == 200


def test_every_footer_link_answers_once_pages_are_written(client):
    cache.clear()
    for kind in (PageKind.METHODOLOGY, PageKind.CORRECTIONS, PageKind.FEEDBACK):
        write(kind)
    write(PageKind.OWNERSHIP_FUNDING, is_published=False)
    expected = [
        about("methodology"),
        about("ratings"),
        about("corrections"),
        about("feedback"),
        reverse("policies:team"),
    ]
    assert links(client, reverse("articles:home")) == expected
    assert links(client, about("methodology"), ABOUT_NAV) == expected
    for url in expected:
        assert client.get(url).status_code == 200
    assert client.get(about("ownership-funding")).status_code == 404


def test_cached_pages_gain_and_lose_a_link_when_a_page_is_published_or_removed(
    client, django_capture_on_commit_callbacks
):
    home = reverse("articles:home")
    assert about("methodology") not in links(client, home)
    assert client.get(home)["X-Public-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        page = write(PageKind.METHODOLOGY)
    assert about("methodology") in links(client, home)

    with django_capture_on_commit_callbacks(execute=True):
        page.is_published = False
        page.save()
    assert about("methodology") not in links(client, home)

    with django_capture_on_commit_callbacks(execute=True):
        page.is_published = True
        page.save()
    assert about("methodology") in links(client, home)

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert about("methodology") not in links(client, home)


def test_rewording_a_page_keeps_the_other_cached_pages(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = write(PageKind.METHODOLOGY)
    home = reverse("articles:home")
    client.get(home)
    client.get(about("methodology"))
    with django_capture_on_commit_callbacks(execute=True):
        page.body = "Our rules, reworded."
        page.save()
    # The links did not change: the home page stays cached, the policy page does not.
    assert client.get(home)["X-Public-Cache"] == "hit"
    response = client.get(about("methodology"))
    assert response["X-Public-Cache"] == "miss"
    assert "Our rules, reworded." in response.content.decode()


def test_the_links_cost_one_query_while_unknown_and_none_once_known(client):
    cache.clear()
    write(PageKind.METHODOLOGY)
    home = reverse("articles:home")
    with CaptureQueriesContext(connection) as cold:
        client.get(home)
    with CaptureQueriesContext(connection) as warm:
        html = client.get(home + "?page=2").content.decode()
    assert len(policy_reads(cold)) == 1
    assert policy_reads(warm) == []
    assert f'href="{about("methodology")}"' in html
