"""Find every span of an article again after its body was edited.

Each span (Mention, Quote with its cue, Claim) is looked for, in order:

1. at the position the edit maps it to (unchanged text before and after an edit
   keeps or shifts its offsets), when the text there is still the span's text;
2. by its exact text, choosing among the occurrences the one whose prefix/suffix
   context agrees best with the stored context (nearest to the expected position
   breaks ties); a weak context match is not accepted, so a span whose sentence was
   deleted is not pulled onto the same word elsewhere;
3. fuzzily (rapidfuzz ``partial_ratio_alignment``, score ≥ 80, spans of 8+
   characters) in a window around the expected position: the span is re-pointed at
   the new text, ``exact`` is updated and it is marked "moved — check";
4. otherwise it is marked **orphaned**: its offsets are cleared (so that it can never
   collide with, or be drawn over, a span that now owns those offsets) while its
   ``exact``, ``prefix`` and ``suffix`` are kept, so the editor sees what was lost and
   a later edit that restores the text anchors it again.

Nothing is deleted. A span already "moved" stays moved until an editor checks it
(``confirm_anchor``). Everything happens in one transaction.

Wiring: ``articles.services.article_body.update_article_body`` is the one write path
for a body; it saves and calls ``reanchor`` in one transaction and returns its report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from common.spans import AnchorState, context_around

FUZZY_THRESHOLD = 80.0
FUZZY_MIN_LENGTH = 8
CONTEXT_MIN_SHARE = 0.5


@dataclass
class ReanchorReport:
    body_changed: bool = False
    anchored: int = 0
    moved: int = 0
    orphaned: int = 0
    moved_spans: list = field(default_factory=list)
    orphaned_spans: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.anchored + self.moved + self.orphaned


@dataclass(frozen=True)
class EditMap:
    """Maps offsets of the old body to the new one around the single edited region."""

    old_length: int
    new_length: int
    common_prefix: int
    common_suffix: int

    @classmethod
    def between(cls, old: str, new: str) -> EditMap:
        limit = min(len(old), len(new))
        head = 0
        while head < limit and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        return cls(len(old), len(new), head, tail)

    def map(self, position: int | None) -> int | None:
        """The new offset of an old one, or None inside the edited region."""
        if position is None:
            return None
        if position <= self.common_prefix:
            return position
        if position >= self.old_length - self.common_suffix:
            return position + self.new_length - self.old_length
        return None

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The new offsets of an untouched old span, or None if the edit touched it."""
        if end <= self.common_prefix:
            return start, end
        if start >= self.old_length - self.common_suffix:
            shift = self.new_length - self.old_length
            return start + shift, end + shift
        return None

    def expected(self, position: int | None) -> int | None:
        """Best guess for where an old offset went (clamped into the new body)."""
        if position is None:
            return None
        mapped = self.map(position)
        if mapped is not None:
            return mapped
        return min(max(self.common_prefix, position), self.new_length)


def _common_tail(a: str, b: str) -> int:
    count = 0
    while count < min(len(a), len(b)) and a[-1 - count] == b[-1 - count]:
        count += 1
    return count


def _common_head(a: str, b: str) -> int:
    count = 0
    while count < min(len(a), len(b)) and a[count] == b[count]:
        count += 1
    return count


def context_score(body: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of stored context agree with the context at start–end."""
    before = body[max(0, start - len(prefix)) : start]
    after = body[end : end + len(suffix)]
    return _common_tail(prefix, before) + _common_head(suffix, after)


def _occurrences(body: str, text: str) -> list[int]:
    found, position = [], body.find(text)
    while position != -1:
        found.append(position)
        position = body.find(text, position + 1)
    return found


def _snap_to_words(body: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy match that cuts a word in two to the whole word."""
    while start > 0 and body[start - 1].isalnum() and body[start].isalnum():
        start -= 1
    while end < len(body) and body[end - 1].isalnum() and body[end].isalnum():
        end += 1
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class Locator:
    """Finds one span's text in the new body; remembers spans already placed."""

    new_body: str
    edit: EditMap

    def by_exact(
        self, exact: str, prefix: str, suffix: str, expected: int | None, taken
    ) -> int | None:
        context = len(prefix) + len(suffix)
        best, best_key = None, None
        for position in _occurrences(self.new_body, exact):
            if taken(position, position + len(exact)):
                continue
            score = context_score(
                self.new_body, position, position + len(exact), prefix, suffix
            )
            if context and score < CONTEXT_MIN_SHARE * context:
                continue
            distance = abs(position - expected) if expected is not None else 0
            key = (-score, distance)
            if best_key is None or key < best_key:
                best, best_key = position, key
        return best

    def by_fuzzy(
        self, exact: str, expected: int | None, taken
    ) -> tuple[int, int] | None:
        # An already orphaned span has no expected position: only its exact text
        # (with context) brings it back, never a look-alike anywhere in the body.
        if expected is None or len(exact.strip()) < FUZZY_MIN_LENGTH:
            return None
        reach = 2 * len(exact) + 200
        window_start = max(0, expected - reach)
        window_end = min(len(self.new_body), expected + len(exact) + reach)
        window = self.new_body[window_start:window_end]
        if not window.strip():
            return None
        found = fuzz.partial_ratio_alignment(
            exact, window, score_cutoff=FUZZY_THRESHOLD
        )
        if found is None:
            return None
        if len(exact) <= len(window):
            start, end = found.dest_start, found.dest_end
        else:  # the window is shorter than the span: it is the whole match
            start, end = 0, len(window)
        start, end = _snap_to_words(
            self.new_body, window_start + start, window_start + end
        )
        if start >= end or taken(start, end):
            return None
        if self.new_body[start:end] == exact:
            return None  # the exact text whose context was judged wrong: not it
        return start, end


def _span_models():
    from articles.models import Claim, Mention, Quote

    return Mention, Quote, Claim


def _taken_key(span):
    """Spans that must not share offsets: a mention of the same entity, same model."""
    entity = getattr(span, "entity_id", None)
    return (type(span).__name__, entity)


def _place_mapped(span, locator: Locator, used: set) -> str | None:
    """First pass: a span the edit did not touch keeps (or shifts) its offsets."""
    if not span.has_span:
        return None
    mapped = locator.edit.map_span(span.start, span.end)
    if (
        mapped
        and locator.new_body[mapped[0] : mapped[1]] == span.exact
        and mapped not in used
    ):
        keep_moved = span.anchor_state == AnchorState.MOVED
        span.set_span(locator.new_body, *mapped)
        span.anchor_state = AnchorState.MOVED if keep_moved else AnchorState.ANCHORED
        used.add(mapped)
        return span.anchor_state
    return None


def _place_searched(span, locator: Locator, used: set) -> str:
    """Second pass: by exact text and context, then fuzzily, else orphaned."""

    def taken(start, end):
        return (start, end) in used

    new_body, exact = locator.new_body, span.exact
    keep_moved = span.anchor_state == AnchorState.MOVED
    expected = locator.edit.expected(span.start)
    position = locator.by_exact(exact, span.prefix, span.suffix, expected, taken)
    if position is not None:
        span.set_span(new_body, position, position + len(exact))
        span.anchor_state = AnchorState.MOVED if keep_moved else AnchorState.ANCHORED
        used.add((span.start, span.end))
        return span.anchor_state

    fuzzy = locator.by_fuzzy(exact, expected, taken)
    if fuzzy is not None:
        span.set_span(new_body, *fuzzy)
        span.anchor_state = AnchorState.MOVED
        used.add(fuzzy)
        return span.anchor_state

    # Orphaned: keep the text and its context for the editor, drop the offsets.
    span.start = span.end = None
    span.anchor_state = AnchorState.ORPHANED
    return span.anchor_state


def _place_cue(quote, old_body: str, locator: Locator, quote_old_start) -> bool:
    """Re-point a quote's cue near the quote; return False if the cue was lost."""
    if quote.cue_start is None or quote.cue_end is None:
        return True
    cue_text = old_body[quote.cue_start : quote.cue_end]
    mapped = locator.edit.map_span(quote.cue_start, quote.cue_end)
    if mapped and locator.new_body[mapped[0] : mapped[1]] == cue_text:
        quote.cue_start, quote.cue_end = mapped
        return True
    if cue_text and quote.has_span and quote_old_start is not None:
        expected = quote.start + (quote.cue_start - quote_old_start)
        candidates = [
            p
            for p in _occurrences(locator.new_body, cue_text)
            if abs(p - expected) <= 200 + len(quote.exact)
        ]
        if candidates:
            best = min(candidates, key=lambda p: abs(p - expected))
            quote.cue_start, quote.cue_end = best, best + len(cue_text)
            return True
    quote.cue_start = quote.cue_end = None
    return False


SPAN_FIELDS = ["start", "end", "exact", "prefix", "suffix", "anchor_state"]


def _snapshot(span) -> tuple:
    return (
        *(getattr(span, name) for name in SPAN_FIELDS),
        getattr(span, "cue_start", None),
        getattr(span, "cue_end", None),
    )


def reanchor(*, article, old_body: str) -> ReanchorReport:
    """Find every span of ``article`` again in its (already saved) new body."""
    report = ReanchorReport()
    new_body = article.body
    if old_body == new_body:
        return report
    report.body_changed = True
    Mention, Quote, Claim = _span_models()
    locator = Locator(new_body=new_body, edit=EditMap.between(old_body, new_body))
    with transaction.atomic():
        groups = [
            (
                Mention,
                list(Mention.objects.filter(article=article).select_for_update()),
            ),
            (Quote, list(Quote.objects.filter(article=article).select_for_update())),
            (Claim, list(Claim.objects.filter(article=article).select_for_update())),
        ]
        for model, spans in groups:
            _reanchor_group(model, spans, locator, old_body, report)
    return report


def _reanchor_group(model, spans, locator, old_body, report) -> None:
    is_quote = model.__name__ == "Quote"
    spans = [span for span in spans if span.exact]  # claims without a span: skip
    before = {span.pk: _snapshot(span) for span in spans}
    old_starts = {span.pk: span.start for span in spans}
    occupied: dict = {}
    states = {}
    # Untouched spans first, so a searched span can never take their place.
    for span in spans:
        used = occupied.setdefault(_taken_key(span), set())
        states[span.pk] = _place_mapped(span, locator, used)
    for span in spans:
        if states[span.pk] is None:
            used = occupied.setdefault(_taken_key(span), set())
            states[span.pk] = _place_searched(span, locator, used)
    changed = []
    for span in spans:
        state = states[span.pk]
        if is_quote and span.has_span:
            cue_found = _place_cue(span, old_body, locator, old_starts[span.pk])
            if not cue_found and state == AnchorState.ANCHORED:
                state = span.anchor_state = AnchorState.MOVED
        elif is_quote:
            span.cue_start = span.cue_end = None
        if state == AnchorState.ORPHANED:
            report.orphaned += 1
            report.orphaned_spans.append(span)
        elif state == AnchorState.MOVED:
            report.moved += 1
            report.moved_spans.append(span)
        else:
            report.anchored += 1
        if _snapshot(span) != before[span.pk]:
            changed.append(span)
    if not changed:
        return
    # Two steps: clear the offsets, then write the new ones, so that shifting spans
    # never collide with each other's old offsets on the unique constraint.
    fields = [*SPAN_FIELDS]
    cleared = {"start": None, "end": None}
    if is_quote:
        fields += ["cue_start", "cue_end"]
        cleared.update(cue_start=None, cue_end=None)
    model.objects.filter(pk__in=[s.pk for s in changed]).update(**cleared)
    for span in changed:
        span.save(update_fields=fields)


def confirm_anchor(*, span, user) -> None:
    """An editor checked a span marked "moved": mark it anchored again."""
    opts = span._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        raise PermissionDenied
    if span.anchor_state != AnchorState.MOVED:
        raise ValidationError(_("Only a span marked “moved” needs checking."))
    body = span.article.body
    errors = span.span_errors(body, required=True)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        span.prefix, span.suffix = context_around(body, span.start, span.end)
        span.anchor_state = AnchorState.ANCHORED
        span.save(update_fields=["prefix", "suffix", "anchor_state"])
