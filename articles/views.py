"""Public reader pages.

They read only published snapshots (PublishedVersion, PublishedClaim, PublishedEntity)
and corrections, never a live editorial row: anything unpublished is a 404 here. Pages
are cached for anonymous readers (articles.cache) and cost a handful of queries
uncached.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from articles import changelog, exports, structured_data
from articles.cache import cache_public_page, claim_tag, entity_tag, factcheck_tag
from articles.models import (
    Correction,
    CorrectionKind,
    PublishedClaim,
    PublishedVersion,
)
from articles.paging import slice_page
from articles.reader_forms import ClaimFilterForm, SearchForm
from articles.rendering import factcheck_context, published_page, verdict_counts
from articles.search import search_claims, search_versions
from articles.selectors import (
    archived_copy,
    entity_card,
    feed_claims,
    filter_suggestions,
)
from entities.ids import parse_id

HOME_PAGE_SIZE = 10
CLAIMS_PAGE_SIZE = 20
SEARCH_LIMIT = 20
FEED_PAGE_SIZE = 500
ENTITY_PAGE_SIZE = 20


def _page(request, queryset, size):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


@require_safe
@cache_public_page(params=("page",), tags=["home"])
def home(request):
    page = _page(
        request,
        PublishedVersion.objects.current()
        .defer("article_html", "search_text", "search_vector")
        .order_by("-published_at"),
        HOME_PAGE_SIZE,
    )
    items = [(version, verdict_counts(version.snapshot)) for version in page]
    return render(
        request, "articles/publishedversion_list.html", {"page": page, "items": items}
    )


@require_safe
@cache_public_page(tags=lambda kw: [factcheck_tag(kw["slug"])])
def factcheck_detail(request, slug):
    page = published_page(slug=slug, language=translation.get_language())
    version = page.version if page else None
    if version is None:
        version = PublishedVersion.objects.current().filter(slug=slug).first()
    if version is None:
        return _redirect_renamed(slug)
    corrections = list(
        Correction.objects.filter(fact_check_id=version.fact_check_id).order_by(
            "published_at"
        )
    )
    if page is None:  # rendered before pages were stored: render it now
        context = factcheck_context(version, corrections)
    else:
        context = {
            "version": version,
            "page": page,
            "corrections": corrections,
            "canonical_url": structured_data.absolute(version.get_absolute_url()),
        }
    context["retractions"] = _retractions(corrections)
    return render(request, "articles/publishedversion_detail.html", context)


def _retractions(corrections: list[Correction]) -> list[Correction]:
    return [c for c in corrections if c.kind == CorrectionKind.RETRACTION]


@require_safe
@cache_public_page(tags=lambda kw: [factcheck_tag(kw["slug"])])
def factcheck_versions(request, slug):
    """The public change log: every published version of the fact-check now at
    ``slug``, each with what it changed, and the corrections, in two queries."""
    versions = list(
        PublishedVersion.objects.filter(
            fact_check__versions__slug=slug, fact_check__versions__is_current=True
        )
        .defer("article_html", "search_text")
        .order_by("number")
    )
    if not versions:
        renamed = _renamed(slug)
        return redirect(
            reverse("articles:factcheck_versions", args=[renamed.slug]), permanent=True
        )
    current = next(v for v in versions if v.is_current)
    corrections = list(
        Correction.objects.filter(fact_check_id=current.fact_check_id).order_by(
            "published_at", "pk"
        )
    )
    return render(
        request,
        "articles/publishedversion_history.html",
        {
            "version": current,
            "changes": changelog.history([v.snapshot for v in versions]),
            "corrections": corrections,
            "retractions": _retractions(corrections),
            "canonical_url": structured_data.absolute(
                reverse("articles:factcheck_versions", args=[current.slug])
            ),
        },
    )


def _redirect_renamed(slug):
    """An older version's address: send readers on to the current one, or 404."""
    return redirect(_renamed(slug), permanent=True)


def _renamed(slug) -> PublishedVersion:
    """The current version of the fact-check once published at ``slug``, or 404."""
    renamed = (
        PublishedVersion.objects.current()
        .filter(fact_check__versions__slug=slug)
        .only("slug")
        .first()
    )
    if renamed is None:
        raise Http404("No published fact-check at this address.")
    return renamed


def _filtered_claims(request, *, suggestions: bool = True):
    """The claims index's rows with the reader's filters applied, and the form (with
    the names it suggests when ``suggestions``: a page needs them, a file does not)."""
    claims = PublishedClaim.objects.listed().with_version_heading()
    form = ClaimFilterForm(
        request.GET or None, suggestions=filter_suggestions() if suggestions else None
    )
    if form.is_bound and form.is_valid():
        claims = form.filter(claims)
    return claims.order_by("-published_at", "position"), form


@require_safe
@cache_public_page(params=(*ClaimFilterForm.base_fields, "page"), tags=["claims-index"])
def claim_list(request):
    claims, form = _filtered_claims(request)
    # Uncounted pages: counting every published claim costs more than the page.
    page = slice_page(claims, request.GET.get("page"), CLAIMS_PAGE_SIZE)
    # Page links keep the filters, and nothing else the address carried.
    query = QueryDict(mutable=True)
    query.update(
        {name: request.GET[name] for name in form.fields if request.GET.get(name)}
    )
    return render(
        request,
        "articles/publishedclaim_list.html",
        {"page": page, "form": form, "query": query.urlencode()},
    )


@require_safe
def claim_list_csv(request):
    """The claims index, with the same filters, as a CSV file streamed row by row."""
    claims, form = _filtered_claims(request, suggestions=False)
    if form.is_bound and not form.is_valid():
        problems = "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()
        )
        return HttpResponseBadRequest(
            f"Unknown filter value ({problems})", content_type="text/plain"
        )
    response = StreamingHttpResponse(
        exports.csv_lines(claims.iterator(chunk_size=500)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="claims.csv"'
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
    return response


def _published_claim(pk: int) -> PublishedClaim:
    """The current published row of claim ``pk``, or 404.

    One claim may be checked in several published fact-checks (of the same article):
    its address shows the latest of them.
    """
    published = (
        PublishedClaim.objects.current()
        .with_retraction()
        .select_related("version")
        .filter(claim_ref=pk)
        .order_by("-published_at", "-pk")
        .first()
    )
    if published is None:
        raise Http404("No published claim at this address.")
    return published


@require_safe
def claim_short(request, pk):
    """A claim's permanent short address, used as its ClaimReview @id."""
    return redirect(_published_claim(pk), permanent=True)


@require_safe
@cache_public_page(tags=lambda kw: [claim_tag(kw["pk"])])
def claim_detail(request, pk, slug):
    published = _published_claim(pk)
    if slug != published.slug:
        return redirect(published, permanent=True)
    snapshot = published.version.snapshot
    return render(
        request,
        "articles/publishedclaim_detail.html",
        {
            "published": published,
            "claim": published.data,
            "version": published.version,
            "fact_check": snapshot["fact_check"],
            "article": snapshot["article"],
            # A retracted rating is not the desk's any more: no ClaimReview.
            "json_ld": ""
            if published.is_retracted
            else structured_data.to_script(
                structured_data.published_claim_review(published)
            ),
            "canonical_url": structured_data.absolute(published.get_absolute_url()),
        },
    )


@require_safe
def source_archive(request, pk):
    """Our archived copy of a cited page (its text, as first fetched), for readers
    whose original has gone. Only for citations on a current published page."""
    found = archived_copy(pk) if parse_id(pk) else None
    if found is None:
        raise Http404("No archived copy at this address.")
    published, cited, copy = found
    return render(
        request,
        "articles/sourcecheck_detail.html",
        {
            "copy": copy,
            "cited": cited,
            "citation": published.citation,
            "published": published.published_claim,
            "version": published.published_claim.version,
            "paragraphs": [p for p in copy.text.split("\n\n") if p.strip()],
        },
    )


@require_safe
@cache_public_page(
    params=("page", "claims_page"), tags=lambda kw: [entity_tag(kw["slug"])]
)
def entity_detail(request, slug):
    """An entity as the latest published version shows it, never the live row.

    Its claims and the fact-checks naming it come a page at a time (``claims_page``
    and ``page``), uncounted: the most-named entity is on tens of thousands.
    """
    card = entity_card(slug)
    if card is None:
        raise Http404("Nothing published involves this entity.")
    if card.slug != slug:  # renamed since: the old published address still works
        return redirect(card, permanent=True)
    versions = slice_page(
        PublishedVersion.objects.current()
        .filter(entity_cards__entity_id=card.entity_id, entity_cards__is_listed=True)
        .order_by("-published_at", "-pk")
        .only("title", "slug", "summary", "published_at", "number"),
        request.GET.get("page"),
        ENTITY_PAGE_SIZE,
    )
    claims = slice_page(
        PublishedClaim.objects.listed()
        .filter(claimant_id=card.entity_id)
        .with_version_heading()
        .order_by("-published_at", "position", "-pk"),
        request.GET.get("claims_page"),
        ENTITY_PAGE_SIZE,
        parameter="claims_page",
    )
    return render(
        request,
        "articles/entity_detail.html",
        {
            "entity": card,
            "versions": versions,
            "claims": claims,
            "canonical_url": structured_data.absolute(card.get_absolute_url()),
        },
    )


@require_safe
@cache_public_page(params=(*SearchForm.base_fields, "page"), tags=["search"])
def search(request):
    form = SearchForm(request.GET or None)
    versions = claims = []
    term = ""
    if form.is_bound and form.is_valid():
        term = form.cleaned_data["q"]
        versions = list(search_versions(term)[:SEARCH_LIMIT])
        claims = list(search_claims(term)[:SEARCH_LIMIT])
    return render(
        request,
        "articles/search_results.html",
        {"form": form, "term": term, "versions": versions, "claims": claims},
    )


@require_safe
@cache_public_page(params=("after",), tags=["feeds"])
def claimreview_feed(request):
    """Current published claims as schema.org DataFeed pages of ClaimReview objects.

    Pages of FEED_PAGE_SIZE claims in claim order (``?after=<claim id>``, keyset: no
    page costs more than the first); each names the next in a ``Link: rel="next"``
    header and a ``next`` key, and the last has neither. Only the snapshot keys a
    ClaimReview shows are read, never the article body or its HTML. A retracted
    fact-check's claims are left out: their rating no longer stands.
    """
    after = parse_id(request.GET.get("after")) or 0
    if request.GET.get("after") and not after:
        raise Http404("No such page of the feed.")
    claims = list(feed_claims(after=after, limit=FEED_PAGE_SIZE + 1))
    more = len(claims) > FEED_PAGE_SIZE
    claims = claims[:FEED_PAGE_SIZE]
    modified = max((c.published_at for c in claims), default=None)
    next_url = ""
    if more:
        next_url = structured_data.absolute(
            reverse("articles:claimreview_feed") + f"?after={claims[-1].claim_ref}"
        )
    feed = structured_data.data_feed_page(
        claims, modified=modified, after=after, next_url=next_url
    )
    response = JsonResponse(
        feed,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/ld+json",
    )
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    return response


@require_safe
def favicon(request):
    """``/favicon.ico``, which browsers and crawlers ask for whatever the page says:
    the site icon's static (hashed, long-cached) address, instead of a 404."""
    response = redirect(static("favicon.svg"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


@require_safe
@cache_public_page
def robots_txt(request):
    sitemap = f"{settings.SITE_URL}{reverse('articles:sitemap')}"
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /review/",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
