"""The article body cut into segments, each carrying the highlights that cover it.

Spans may nest or overlap (a mention inside a quote inside a claim), so the body is
split at every span boundary and each piece is one ``<span>`` with the classes of all
spans over it. The text is emitted exactly, with no added whitespace, so the page's
text equals the body and a selection's offsets are offsets into the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from entities.models import SuggestionState


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    css: str
    ref: str
    label: str


def _state_css(kind: str, state: str) -> str:
    """Classes per type ("tg-mention tg-mention-suggested"): segments combine types."""
    suffix = "suggested" if state == SuggestionState.SUGGESTED else "confirmed"
    return f"tg-{kind} tg-{kind}-{suffix}"


def highlights_for(article, mentions, quotes, claims, flags) -> list[Highlight]:
    """Highlights for the spans an editor should see (rejected ones are not shown)."""
    found = []
    for mention in mentions:
        if mention.has_span and mention.state != SuggestionState.REJECTED:
            found.append(
                Highlight(
                    mention.start,
                    mention.end,
                    f"{_state_css('mention', mention.state)} tg-kind-"
                    f"{mention.entity.kind}",
                    f"mention-{mention.pk}",
                    _("Mention of %(entity)s") % {"entity": mention.entity.name},
                )
            )
    for quote in quotes:
        if quote.has_span and quote.state != SuggestionState.REJECTED:
            who = quote.speaker or quote.speaker_text or _("no one named")
            found.append(
                Highlight(
                    quote.start,
                    quote.end,
                    _state_css("quote", quote.state),
                    f"quote-{quote.pk}",
                    _("Quote of %(who)s") % {"who": who},
                )
            )
            if quote.cue_start is not None and quote.cue_end is not None:
                found.append(
                    Highlight(
                        quote.cue_start,
                        quote.cue_end,
                        "tg-cue",
                        f"quote-{quote.pk}",
                        _("Attribution cue"),
                    )
                )
    for claim in claims:
        if claim.has_span and claim.suggestion_state != SuggestionState.REJECTED:
            found.append(
                Highlight(
                    claim.start,
                    claim.end,
                    _state_css("claim", claim.suggestion_state),
                    f"claim-{claim.pk}",
                    _("Claim"),
                )
            )
    for flag in flags:
        found.append(
            Highlight(
                flag.start,
                flag.end,
                "tg-flag",
                "",
                _("Spelling? “%(word)s” → “%(suggestion)s”")
                % {"word": flag.word, "suggestion": flag.suggestion},
            )
        )
    length = len(article.body)
    return [h for h in found if 0 <= h.start < h.end <= length]


def render_body(body: str, highlights: list[Highlight]) -> SafeString:
    """The body as segments: ``<span data-start=…>`` pieces, highlighted ones styled."""
    cuts = {0, len(body)}
    for highlight in highlights:
        cuts.update((highlight.start, highlight.end))
    points = sorted(cuts)
    pieces = []
    for start, end in zip(points, points[1:], strict=False):
        over = [h for h in highlights if h.start <= start and end <= h.end]
        css = " ".join(dict.fromkeys(" ".join(h.css for h in over).split()))
        refs = " ".join(dict.fromkeys(h.ref for h in over if h.ref))
        title = "; ".join(dict.fromkeys(h.label for h in over))
        pieces.append((start, css, refs, title, body[start:end]))
    return format_html_join(
        "",
        '<span class="tg-seg {}" data-start="{}" data-refs="{}"{}>{}</span>',
        (
            (
                css,
                start,
                refs,
                format_html(' title="{}"', title) if title else "",
                text,
            )
            for start, css, refs, title, text in pieces
        ),
    )
