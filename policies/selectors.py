"""Reads the public policy and team pages share."""

from __future__ import annotations

from django.db.models import QuerySet

from articles.models import AuthorProfile, PublishedVersion
from policies import links
from policies.models import PolicyPage


def policy_page(kind: str) -> PolicyPage | None:
    """The published page of ``kind``, or None (read with the footer's links)."""
    return links.published_pages().get(kind)


def public_authors() -> QuerySet[AuthorProfile]:
    """Team members readers may see, with their account's name in the same query."""
    return AuthorProfile.objects.public().select_related("user")


def renamed_author(slug: str) -> AuthorProfile | None:
    """The public profile whose team page was once at ``slug`` (its history keeps
    every slug it had), or None: published pages link the address of their day.

    A slug someone holds now is theirs, shown or not, so it never leads elsewhere;
    of several profiles that once had it, the last to hold it wins.
    """
    if AuthorProfile.objects.filter(slug=slug).exists():
        return None
    last_holder = (
        AuthorProfile.history.filter(slug=slug)
        .order_by("-history_date", "-history_id")
        .values("id")[:1]
    )
    return public_authors().filter(pk__in=last_holder).first()


def fact_checks_by(profile: AuthorProfile) -> QuerySet[PublishedVersion]:
    """The current published fact-checks crediting ``profile``'s user, newest first."""
    return (
        PublishedVersion.objects.current()
        .filter(fact_check__authors=profile.user_id)
        .only("title", "slug", "summary", "published_at")
        .order_by("-published_at")
    )
