"""The review queue: Quotes and Claims in one list, filtered, oldest first."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db import connection
from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, AssignmentTask, AttributionReview, Claim, Quote
from entities.ids import parse_id

QUOTE = "quote"
CLAIM = "claim"
MODELS = {QUOTE: Quote, CLAIM: Claim}
KIND_CHOICES = [
    ("", _("Quotes and claims")),
    (QUOTE, _("Quotes")),
    (CLAIM, _("Claims")),
]
ALL_STATES = "all"
ASSIGNED_TO_ME = "me"
OVERDUE = "overdue"
ASSIGNED_CHOICES = [
    ("", _("Anyone's")),
    (ASSIGNED_TO_ME, _("Assigned to me")),
    (OVERDUE, _("Overdue")),
]
STATE_CHOICES = [*AttributionReview.choices, (ALL_STATES, _("Any state"))]
# Columns shared by both halves of the union, in this order on both sides.
ROW_COLUMNS = (
    "item_kind",
    "item_id",
    "created",
    "article_ref",
    "headline",
    "who_id",
    "who_name",
    "text",
    "item_state",
)


def kind_of(item) -> str:
    return CLAIM if isinstance(item, Claim) else QUOTE


LABELLED_ID = re.compile(r"(?:^|\[#)([0-9]+)\]?\s*$")


def labelled_id(value) -> int | None:
    """The id in an autocomplete label ("Headline [#12]") or a bare number ("12")."""
    match = LABELLED_ID.search((value or "").strip())
    return parse_id(match.group(1)) if match else None


def article_label(article: Article) -> str:
    return f"{article.headline} [#{article.pk}]"


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the query string (invalid values are ignored).

    Article and speaker are text boxes with suggestions fetched as the reviewer
    types (review.js), not select boxes: a desk's archive has far too many of either
    to list on every page.
    """

    article = forms.CharField(
        label=_("Article"),
        required=False,
        help_text=_("Type words of the headline and pick one, or its number."),
        widget=forms.TextInput(
            attrs={"list": "queue-article-options", "autocomplete": "off"}
        ),
    )
    speaker = forms.CharField(
        label=_("Speaker or claimant"),
        required=False,
        help_text=_("Type a few letters of the name and pick one."),
        widget=forms.TextInput(
            attrs={"list": "queue-speaker-options", "autocomplete": "off"}
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, required=False)
    state = forms.ChoiceField(
        label=_("Review state"), choices=STATE_CHOICES, required=False
    )
    assigned = forms.ChoiceField(
        label=_("Assignment"), choices=ASSIGNED_CHOICES, required=False
    )


@dataclass(frozen=True)
class QueueFilters:
    article_id: int | None = None
    speaker_id: int | None = None
    kind: str = ""
    state: str = AttributionReview.UNREVIEWED
    assigned: str = ""
    user_id: int | None = None

    @classmethod
    def from_query(cls, query, user=None) -> "QueueFilters":
        """Read the filters from a QueryDict without touching the database.

        ``assigned=me`` keeps the review items assigned to ``user``;
        ``assigned=overdue`` those whose review assignment is past due.
        """

        def number(name):
            return labelled_id(query.get(name))

        kind = query.get("kind", "")
        state = query.get("state", "") or AttributionReview.UNREVIEWED
        assigned = query.get("assigned", "")
        return cls(
            assigned=assigned if assigned in {ASSIGNED_TO_ME, OVERDUE} else "",
            user_id=getattr(user, "pk", None),
            article_id=number("article"),
            speaker_id=number("speaker"),
            kind=kind if kind in MODELS else "",
            state=state
            if state in {*AttributionReview.values, ALL_STATES}
            else AttributionReview.UNREVIEWED,
        )

    def as_query(self) -> dict[str, str]:
        query = {}
        if self.article_id:
            query["article"] = str(self.article_id)
        if self.speaker_id:
            query["speaker"] = str(self.speaker_id)
        if self.kind:
            query["kind"] = self.kind
        if self.state != AttributionReview.UNREVIEWED:
            query["state"] = self.state
        if self.assigned:
            query["assigned"] = self.assigned
        return query

    @property
    def querystring(self) -> str:
        """``?article=…`` (or "") to carry the filters from page to page."""
        query = self.as_query()
        return f"?{urlencode(query)}" if query else ""

    def querysets(self, *, with_state: bool = True) -> dict:
        """The filtered Quote and Claim querysets, by kind."""
        result = {}
        for kind, model in MODELS.items():
            if self.kind and self.kind != kind:
                continue
            queryset = model.objects.for_review()
            if self.article_id:
                queryset = queryset.filter(article_id=self.article_id)
            if self.speaker_id:
                queryset = (
                    queryset.credited_to(self.speaker_id)
                    if model is Claim
                    else queryset.filter(speaker_id=self.speaker_id)
                )
            if with_state and self.state != ALL_STATES:
                queryset = queryset.filter(review_state=self.state)
            if self.assigned == ASSIGNED_TO_ME:
                queryset = queryset.filter(
                    assignments__task=AssignmentTask.REVIEW,
                    assignments__assignee_id=self.user_id,
                )
            elif self.assigned == OVERDUE:
                queryset = queryset.filter(
                    assignments__task=AssignmentTask.REVIEW,
                    assignments__due_on__lt=timezone.localdate(),
                )
            result[kind] = queryset
        return result


def _rows(kind: str, queryset):
    if kind == CLAIM:
        # No claimant: the claim credits the article's publication.
        who_id = Coalesce(F("speaker_id"), F("article__publication_id"))
        who_name = Coalesce(
            F("speaker__name"),
            F("article__publication__name"),
            Value(""),
            output_field=CharField(),
        )
    else:
        who_id = F("speaker_id")
        # A vague quote has no entity: show its words ("experts") instead.
        who_name = Coalesce(
            F("speaker__name"), F("speaker_text"), output_field=CharField()
        )
    return (
        queryset.annotate(
            item_kind=Value(kind, output_field=CharField()),
            item_id=F("pk"),
            created=F("created_at"),
            article_ref=F("article_id"),
            headline=F("article__headline"),
            who_id=who_id,
            who_name=who_name,
            text=F("statement" if kind == CLAIM else "exact"),
            item_state=F("review_state"),
        )
        .values(*ROW_COLUMNS)
        .order_by()
    )


def queue_rows(filters: QueueFilters, *, first: int | None = None):
    """One queryset of dict rows (both kinds), oldest first: paginate it.

    ``first``: only the first rows are wanted (a page ending there). Each kind is
    then cut to that many before the union where the database allows it, so the
    union sorts a page's worth of rows, read in order from the review index, instead
    of every item in the queue.
    """
    parts = [_rows(kind, qs) for kind, qs in filters.querysets().items()]
    if not parts:
        return Quote.objects.none().values()
    if first is not None and len(parts) > 1 and _can_slice_union():
        parts = [
            part.order_by("created", "item_kind", "item_id")[:first] for part in parts
        ]
    combined = parts[0] if len(parts) == 1 else parts[0].union(*parts[1:], all=True)
    return combined.order_by("created", "item_kind", "item_id")


def _can_slice_union() -> bool:
    return connection.features.supports_slicing_ordering_in_compound


def queue_total(filters: QueueFilters, counts: dict[str, int]) -> int:
    """How many items the filtered queue holds, from its state counts."""
    if filters.state == ALL_STATES:
        return sum(counts.values())
    return counts.get(filters.state, 0)


def queue_keys(filters: QueueFilters) -> list[tuple[str, int]]:
    """(kind, id) of every item in the queue, in queue order (one query)."""
    parts = [
        qs.annotate(
            item_kind=Value(kind, output_field=CharField()), created=F("created_at")
        )
        .values_list("item_kind", "pk", "created")
        .order_by()
        for kind, qs in filters.querysets().items()
    ]
    if not parts:
        return []
    combined = parts[0] if len(parts) == 1 else parts[0].union(*parts[1:], all=True)
    return [
        (kind, pk)
        for kind, pk, _created in combined.order_by("created", "item_kind", "pk")
    ]


def neighbours(
    filters: QueueFilters, kind: str, pk: int
) -> tuple[tuple[str, int] | None, tuple[str, int] | None]:
    """The (kind, id) before and after an item in the queue (None at either end).

    An item no longer in the filtered queue (just reviewed, say) has the queue's
    first item as its next.
    """
    keys = queue_keys(filters)
    current = (kind, pk)
    if current not in keys:
        return None, keys[0] if keys else None
    index = keys.index(current)
    previous = keys[index - 1] if index > 0 else None
    following = keys[index + 1] if index + 1 < len(keys) else None
    return previous, following


def state_counts(filters: QueueFilters) -> dict[str, int]:
    """How many items are in each review state, under every filter but the state."""
    counts = dict.fromkeys(AttributionReview.values, 0)
    for queryset in filters.querysets(with_state=False).values():
        rows = queryset.order_by().values("review_state").annotate(n=Count("pk"))
        for row in rows:
            counts[row["review_state"]] += row["n"]
    return counts
