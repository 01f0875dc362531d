"""Reviewer pages: the queue, one item at a time, its actions, and statistics.

POST actions are short: check, one service call, a message, then the next item in
the queue with the same filters.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles.desk.panel import panel_context
from articles.models import (
    Article,
    AssignmentTask,
    AttributionReview,
    Quote,
)
from articles.review.context import span_context
from articles.review.forms import CorrectForm, DisputeForm, review_entity_label
from articles.review.history import review_history
from articles.review.queue import (
    CLAIM,
    MODELS,
    QueueFilterForm,
    QueueFilters,
    article_label,
    kind_of,
    neighbours,
    queue_rows,
    queue_total,
    state_counts,
)
from articles.review.stats import review_stats
from articles.selectors import public_entity_card
from articles.services.review import (
    NOBODY_CREDITED,
    REVIEW_PERMISSION,
    confirm_attribution,
    correct_attribution,
    correct_attribution_to_new_entity,
    credited,
    dispute_attribution,
    nobody_credited,
    review_refusal,
)
from common.bases import SuggestionState
from entities.models import Entity
from entities.selectors import entities_matching
from entities.validators import SEARCH_MAX_LENGTH, clean_text

PAGE_SIZE = 25
QUEUE_SHORTCUTS = [
    ("j", gettext_lazy("next item")),
    ("k", gettext_lazy("previous item")),
    ("Enter", gettext_lazy("open the item")),
]
ITEM_SHORTCUTS = [
    ("j", gettext_lazy("next item")),
    ("k", gettext_lazy("previous item")),
    ("c", gettext_lazy("confirm")),
    ("d", gettext_lazy("dispute (type the note, then Ctrl+Enter)")),
    ("e", gettext_lazy("correct (pick the entity, then the note)")),
]

reviewer_required = permission_required(REVIEW_PERMISSION, raise_exception=True)


def _item_url(kind: str, pk: int, filters: QueueFilters) -> str:
    url = reverse("articles:review_item", kwargs={"kind": kind, "pk": pk})
    return url + filters.querystring


def _queue_url(filters: QueueFilters) -> str:
    return reverse("articles:review_queue") + filters.querystring


def _get_item(kind: str, pk: int):
    if kind not in MODELS:
        raise Http404
    who = ("speaker", "article__publication") if kind == CLAIM else ("speaker",)
    queryset = (
        MODELS[kind]
        .objects.for_review()
        .select_related(
            "article", *who, "created_by", "attribution_changed_by", "reviewed_by"
        )
    )
    return get_object_or_404(queryset, pk=pk)


def _next_url(filters: QueueFilters, kind: str, pk: int) -> str:
    _previous, following = neighbours(filters, kind, pk)
    if following is None:
        return _queue_url(filters)
    return _item_url(*following, filters)


@login_required
@reviewer_required
def review_queue(request):
    filters = QueueFilters.from_query(request.GET, request.user)
    article = speaker = None
    if filters.article_id:
        article = Article.objects.filter(pk=filters.article_id).only("headline").first()
    if filters.speaker_id:
        speaker = Entity.objects.filter(pk=filters.speaker_id).first()
    filter_form = QueueFilterForm(
        initial={
            "article": article_label(article) if article else "",
            "speaker": review_entity_label(speaker) if speaker else "",
            "kind": filters.kind,
            "state": filters.state,
            "assigned": filters.assigned,
        }
    )
    counts = state_counts(filters)
    # The state counts give the total: no second count over the union of both kinds.
    paginator = Paginator(Quote.objects.none(), PAGE_SIZE)
    paginator.count = queue_total(filters, counts)
    page = paginator.get_page(request.GET.get("page"))
    offset = (page.number - 1) * PAGE_SIZE
    rows = queue_rows(filters, first=offset + PAGE_SIZE)
    page.object_list = [
        {**row, "state_label": AttributionReview(row["item_state"]).label}
        for row in rows[offset : offset + PAGE_SIZE]
    ]
    query = filters.as_query()
    state_links = [
        {
            "value": value,
            "label": label,
            "count": counts[value],
            "current": value == filters.state,
            "query": QueueFilters(**{**filters.__dict__, "state": value}).querystring
            or "?",
        }
        for value, label in AttributionReview.choices
    ]
    page_prefix = "?" + "".join(f"{key}={value}&" for key, value in query.items())
    return render(
        request,
        "articles/review/queue.html",
        {
            "filters": filters,
            "filter_form": filter_form,
            "page_obj": page,
            "state_links": state_links,
            "total": sum(counts.values()),
            "page_prefix": page_prefix,
            "queue_shortcuts": QUEUE_SHORTCUTS,
        },
    )


def _render_item(request, item, filters, *, dispute_form=None, correct_form=None):
    kind = kind_of(item)
    speaker = credited(item)
    previous, following = neighbours(filters, kind, item.pk)
    article_entities = Entity.objects.filter(
        mentions__article_id=item.article_id,
        mentions__suggestion_state=SuggestionState.CONFIRMED,
    ).distinct()[:60]
    return render(
        request,
        "articles/review/item.html",
        {
            "item": item,
            "kind": kind,
            "speaker": speaker,
            # A claim with no claimant credits its article's publication (or no one).
            "credited_as_publication": kind == CLAIM
            and item.speaker_id is None
            and speaker is not None,
            "nobody_credited": nobody_credited(item),
            "nobody_credited_message": NOBODY_CREDITED,
            "speaker_page": _public_page(speaker),
            "span": span_context(
                item,
                cue=getattr(item, "cue", ""),
                speaker_text=getattr(item, "speaker_text", ""),
            ),
            "refusal": review_refusal(item, request.user),
            "dispute_form": dispute_form or DisputeForm(),
            "correct_form": correct_form or CorrectForm(),
            "entity_options": [review_entity_label(e) for e in article_entities],
            "history": review_history(item),
            "filters": filters,
            "queue_url": _queue_url(filters),
            "previous_url": previous and _item_url(*previous, filters),
            "next_url": following and _item_url(*following, filters),
            "item_shortcuts": ITEM_SHORTCUTS,
            **panel_context(request, item, task=AssignmentTask.REVIEW),
        },
    )


def _public_page(entity) -> str | None:
    """The address readers know the entity by (its latest published one), if any."""
    if entity is None:
        return None
    card = public_entity_card(entity.pk)
    return card.get_absolute_url() if card else None


@login_required
@reviewer_required
def review_item(request, kind, pk):
    item = _get_item(kind, pk)
    return _render_item(
        request, item, QueueFilters.from_query(request.GET, request.user)
    )


def _refused(request, error: ValidationError, kind: str, pk: int, filters):
    messages.error(request, " ".join(error.messages))
    return redirect(_item_url(kind, pk, filters))


@login_required
@reviewer_required
@require_POST
def review_confirm(request, kind, pk):
    item = _get_item(kind, pk)
    filters = QueueFilters.from_query(request.GET, request.user)
    next_url = _next_url(filters, kind, pk)
    try:
        confirm_attribution(item=item, user=request.user)
    except ValidationError as error:
        return _refused(request, error, kind, pk, filters)
    messages.success(request, _("Attribution confirmed: %(item)s") % {"item": item})
    return redirect(next_url)


@login_required
@reviewer_required
@require_POST
def review_dispute(request, kind, pk):
    item = _get_item(kind, pk)
    filters = QueueFilters.from_query(request.GET, request.user)
    form = DisputeForm(request.POST)
    if not form.is_valid():
        return _render_item(request, item, filters, dispute_form=form)
    next_url = _next_url(filters, kind, pk)
    try:
        dispute_attribution(
            item=item, user=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        return _refused(request, error, kind, pk, filters)
    messages.success(request, _("Attribution disputed: %(item)s") % {"item": item})
    return redirect(next_url)


@login_required
@reviewer_required
@require_POST
def review_correct(request, kind, pk):
    item = _get_item(kind, pk)
    filters = QueueFilters.from_query(request.GET, request.user)
    form = CorrectForm(request.POST)
    if form.is_valid():
        next_url = _next_url(filters, kind, pk)
        data = form.cleaned_data
        try:
            if data.get("speaker"):
                item = correct_attribution(
                    item=item,
                    user=request.user,
                    speaker=data["speaker"],
                    note=data["note"],
                )
            else:
                item = correct_attribution_to_new_entity(
                    item=item,
                    user=request.user,
                    name=data["new_name"],
                    kind=data["new_kind"],
                    note=data["note"],
                )
        except (ValidationError, PermissionDenied) as error:
            problems = getattr(error, "messages", None) or [str(error)]
            form.add_error(None, " ".join(problems))
        else:
            speaker = item.speaker
            messages.success(
                request,
                _("Attribution corrected to %(name)s.") % {"name": speaker.name},
            )
            return redirect(next_url)
    return _render_item(request, item, filters, correct_form=form)


def _autocomplete_term(request) -> tuple[str, JsonResponse | None]:
    """The typed term of an autocomplete, or the answer to give instead: a 400 for
    text that is no text, no results under two characters."""
    try:
        term = clean_text(request.GET.get("q"), max_length=SEARCH_MAX_LENGTH)
    except ValidationError as error:
        message = " ".join(error.messages)
        return "", JsonResponse({"results": [], "error": message}, status=400)
    if len(term) < 2:
        return term, JsonResponse({"results": []})
    return term, None


@login_required
@reviewer_required
def review_entities(request):
    """Autocomplete for the correct form: entities whose name or alias matches."""
    term, refusal = _autocomplete_term(request)
    if refusal is not None:
        return refusal
    entities = entities_matching(term)[:15]
    return JsonResponse(
        {
            "results": [
                {"id": e.pk, "name": e.name, "label": review_entity_label(e)}
                for e in entities
            ]
        }
    )


@login_required
@reviewer_required
def review_articles(request):
    """Autocomplete for the queue's article filter: headlines containing the words."""
    term, refusal = _autocomplete_term(request)
    if refusal is not None:
        return refusal
    articles = (
        Article.objects.filter(headline__icontains=term)
        .only("headline")
        .order_by("-published_on", "-pk")[:15]
    )
    return JsonResponse(
        {
            "results": [
                {"id": a.pk, "name": a.headline, "label": article_label(a)}
                for a in articles
            ]
        }
    )


@login_required
@reviewer_required
def review_stats_view(request):
    return render(request, "articles/review/stats.html", review_stats())
