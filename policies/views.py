"""The desk's public policy pages, rating scale and team pages.

Policy texts are live rows (admins edit them; there is no draft of a policy beyond
``is_published``); the rating scale is generated from the verdicts the site
publishes; a team page exists only while its author is credited on a published
fact-check. Cached for readers like every public page (articles.cache), tagged
``policies`` and ``team`` (signals invalidate them).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from articles import structured_data
from articles.cache import cache_public_page
from articles.models import BEST_RATING, VERDICT_MEANINGS, VERDICT_RATINGS, WORST_RATING
from policies import selectors
from policies.models import PageKind, page_url

POLICY_TAGS = ["policies"]
TEAM_TAGS = ["team", "policies"]


def rating_scale() -> list[dict]:
    """Each verdict, best rating first, with its meaning and ClaimReview rating."""
    rows = [
        {
            "verdict": verdict.value,
            "label": verdict.label,
            "meaning": VERDICT_MEANINGS[verdict],
            "rating": rating,
        }
        for verdict, rating in VERDICT_RATINGS.items()
    ]
    return sorted(rows, key=lambda row: -row["rating"])


def _canonical(kind: str) -> str:
    return structured_data.absolute(page_url(kind))


@require_safe
@cache_public_page(tags=POLICY_TAGS)
def policy_page(request, kind):
    if kind not in PageKind.values or kind == PageKind.TEAM:
        raise Http404("No such policy page.")
    page = selectors.policy_page(kind)
    if kind == PageKind.RATINGS:
        return render(
            request,
            "policies/policypage_ratings.html",
            {
                "page": page,
                "title": page.title if page else PageKind.RATINGS.label,
                "scale": rating_scale(),
                "best": BEST_RATING,
                "worst": WORST_RATING,
                "canonical_url": _canonical(kind),
            },
        )
    if page is None:
        raise Http404("This policy has not been published yet.")
    return render(
        request,
        "policies/policypage_detail.html",
        {"page": page, "title": page.title, "canonical_url": _canonical(kind)},
    )


@require_safe
@cache_public_page(tags=TEAM_TAGS)
def team(request):
    page = selectors.policy_page(PageKind.TEAM)
    return render(
        request,
        "policies/authorprofile_list.html",
        {
            "page": page,
            "title": page.title if page else PageKind.TEAM.label,
            "authors": list(selectors.public_authors()),
            "canonical_url": _canonical(PageKind.TEAM),
        },
    )


@require_safe
@cache_public_page(tags=TEAM_TAGS)
def author(request, slug):
    profile = selectors.public_authors().filter(slug=slug).first()
    if profile is None:
        renamed = selectors.renamed_author(slug)
        if renamed is None:
            raise Http404("No team member at this address.")
        # Not permanent: the old address may be given to someone else later.
        return redirect(renamed.get_absolute_url())
    url = structured_data.absolute(profile.get_absolute_url())
    person = {
        "@context": structured_data.CONTEXT,
        "@type": "Person",
        "name": profile.user.get_full_name(),
        "url": url,
        "worksFor": structured_data.organization(),
    }
    if profile.role:
        person["jobTitle"] = profile.role
    return render(
        request,
        "policies/authorprofile_detail.html",
        {
            "profile": profile,
            "versions": list(selectors.fact_checks_by(profile)),
            "json_ld": structured_data.to_script(person),
            "canonical_url": url,
        },
    )
