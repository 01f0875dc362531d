"""Which policy pages the footer and the about menu link: only pages that exist.

A policy nobody has written (or that is unticked) is a 404, so linking every kind
would send a fresh deployment's readers to 404s from every page. The set of kinds that
answer is kept in the shared cache, tied to the generation tokens of the ``policies``
tag and of the site tag (``articles.cache``): a page render reads it together with
those tokens in one ``get_many`` and queries the database only when a policy change
(or ``clear_public_cache``) made it stale.

The same set decides which policies the Organization's JSON-LD declares (the site
frame carries that node on every page, ``organization_json_ld``): it never names a
page that is a 404, and the stored fact-check pages refer to the node by ``@id``, so
they follow a policy change without being rendered again.

Every public page shows the footer, but its cache tags name only what the page is
about; so when a change adds or removes a link (``link_change_tags``), every cached
public page is invalidated, not just the policy pages. Editing a page's text keeps the
same links and invalidates the policy pages only.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache

from articles.cache import SITE_TAG, UNSET, tag_key
from policies.models import GENERATED_KINDS, PageKind, PolicyPage, page_url

# The schema.org Organization properties that name a policy page, and its kind.
ORGANIZATION_PROPERTIES = {
    "publishingPrinciples": PageKind.METHODOLOGY,
    "correctionsPolicy": PageKind.CORRECTIONS,
    "ownershipFundingInfo": PageKind.OWNERSHIP_FUNDING,
    "actionableFeedbackPolicy": PageKind.FEEDBACK,
}

POLICY_TAG = "policies"
LINKS_KEY = "policies:linked-kinds"
_TOKEN_TAGS = (POLICY_TAG, SITE_TAG)


def _read() -> tuple[frozenset[str] | None, list[str]]:
    """The cached set of linked kinds (None if a change made it stale) and the tokens
    it must carry to be current."""
    found = cache.get_many([LINKS_KEY, *(tag_key(tag) for tag in _TOKEN_TAGS)])
    tokens = [found.get(tag_key(tag), UNSET) for tag in _TOKEN_TAGS]
    entry = found.get(LINKS_KEY)
    if isinstance(entry, dict) and entry.get("tokens") == tokens:
        return entry["kinds"], tokens
    return None, tokens


def _store(written: Iterable[str], tokens: list[str]) -> frozenset[str]:
    # Stored with the tokens read before the query: a change committed meanwhile
    # leaves this entry stale, never wrongly current.
    kinds = frozenset(str(kind) for kind in GENERATED_KINDS) | frozenset(written)
    cache.set(LINKS_KEY, {"tokens": tokens, "kinds": kinds}, timeout=None)
    return kinds


def linked_kinds() -> frozenset[str]:
    """The kinds of policy page that answer 200: the written, published ones and the
    generated ones (the rating scale and the team)."""
    kinds, tokens = _read()
    if kinds is not None:
        return kinds
    return _store(PolicyPage.objects.published().values_list("kind", flat=True), tokens)


def published_pages() -> dict[str, PolicyPage]:
    """Every published policy page by kind (six at most), in one query that also
    refreshes the linked kinds: a policy page's own render costs no second query."""
    kinds, tokens = _read()
    pages = {page.kind: page for page in PolicyPage.objects.published()}
    if kinds is None:
        _store(pages, tokens)
    return pages


def remember_written(kinds: Iterable[str]) -> None:
    """Store the linked kinds of a desk whose published pages the caller knows
    (the test suite's empty database: its pinned query counts are those of a warm
    site, where this entry lives until a policy change)."""
    _store(kinds, _read()[1])


def policy_links() -> list[dict]:
    """The links to show, in the fixed order of the kinds: url and label each."""
    kinds = linked_kinds()
    return [
        {"kind": kind.value, "url": page_url(kind), "label": kind.label}
        for kind in PageKind
        if kind in kinds
    ]


def organization_policies(links: list[dict]) -> dict[str, str]:
    """The Organization's policy properties for the pages among ``links`` (those of
    ``policy_links``), each with its page's path: a page that does not exist is not
    declared."""
    paths = {link["kind"]: link["url"] for link in links}
    return {
        prop: paths[kind]
        for prop, kind in ORGANIZATION_PROPERTIES.items()
        if kind in paths
    }


def link_change_tags(kind: str, *, linked_after: bool) -> list[str]:
    """The site tag when a change to the page of ``kind`` adds or removes a link (or
    when what was linked is unknown), else nothing."""
    if kind in GENERATED_KINDS:
        return []
    before, _tokens = _read()
    if before is None or (kind in before) != linked_after:
        return [SITE_TAG]
    return []
