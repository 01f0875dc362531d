"""Render an article body as HTML paragraphs with its spans highlighted.

Spans (entity mentions, quotes, claims) may nest or partly overlap. The renderer walks
each paragraph boundary by boundary and keeps a stack of open elements; when a span
ends while spans opened after it are still open, those are closed and reopened around
it, so the output is always well-formed HTML. Everything taken from the text is escaped.

Links never nest: a mention is an ``<a>`` to the entity page, a claim is a ``<mark>``
followed by a small numbered link to its claim card, and a quote is a ``<span>``.
Mentions that overlap another mention are dropped (the longer one wins).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape

# Outer elements first when two spans start at the same offset with the same length.
KIND_ORDER = {"claim": 0, "quote": 1, "mention": 2}


@dataclass(frozen=True)
class Highlight:
    """One span to highlight; ``start``/``end`` index into the whole body."""

    start: int
    end: int
    kind: str  # "mention", "quote" or "claim"
    href: str = ""
    label: str = ""  # accessible description (entity name, speaker, claim number)
    css: tuple[str, ...] = field(default_factory=tuple)
    ref: str = ""  # claim number shown in the link after the claim


def _open_tag(span: Highlight, *, first: bool) -> str:
    classes = " ".join(("hl", f"hl-{span.kind}", *span.css))
    if span.kind == "mention":
        return (
            f'<a class="{escape(classes)}" href="{escape(span.href)}" '
            f'title="{escape(span.label)}">'
        )
    if span.kind == "claim":
        return f'<mark class="{escape(classes)}">'
    title = f' title="{escape(span.label)}"' if span.label else ""
    return f'<span class="{escape(classes)}"{title}>'


def _close_tag(span: Highlight) -> str:
    return {"mention": "</a>", "claim": "</mark>"}.get(span.kind, "</span>")


def _claim_ref(span: Highlight) -> str:
    """The numbered link after a claim, to its card; never inside another link."""
    if not span.href:
        return ""
    return (
        f'<a class="claim-ref" href="{escape(span.href)}" '
        f'aria-label="{escape(span.label)}">{escape(span.ref)}</a>'
    )


def _drop_overlapping_mentions(spans: list[Highlight]) -> list[Highlight]:
    mentions = sorted(
        (s for s in spans if s.kind == "mention"),
        key=lambda s: (-(s.end - s.start), s.start),
    )
    kept: list[Highlight] = []
    for span in mentions:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return [s for s in spans if s.kind != "mention"] + kept


def render_paragraph(text: str, offset: int, spans: list[Highlight]) -> str:
    """Return the HTML of one paragraph starting at ``offset`` in the body."""
    end_of_para = offset + len(text)
    local = [
        s for s in spans if s.start < end_of_para and s.end > offset and s.start < s.end
    ]
    if not local:
        return escape(text)
    boundaries = sorted(
        {offset, end_of_para}
        | {max(s.start, offset) for s in local}
        | {min(s.end, end_of_para) for s in local}
    )
    order = sorted(
        local, key=lambda s: (s.start, -(s.end - s.start), KIND_ORDER[s.kind])
    )
    opens: dict[int, list[Highlight]] = {}
    for span in order:
        opens.setdefault(max(span.start, offset), []).append(span)
    out: list[str] = []
    stack: list[Highlight] = []
    pending: list[Highlight] = []  # claims ended inside a link: refs wait for it

    def flush_refs() -> None:
        if pending and not any(s.kind == "mention" for s in stack):
            out.extend(_claim_ref(span) for span in pending)
            pending.clear()

    for left, right in zip(boundaries, boundaries[1:], strict=False):
        # Close every open span that ends here, reopening those above it.
        ending = [s for s in stack if min(s.end, end_of_para) <= left]
        if ending:
            lowest = min(stack.index(s) for s in ending)
            reopen = [s for s in stack[lowest:] if s not in ending]
            for span in reversed(stack[lowest:]):
                out.append(_close_tag(span))
            del stack[lowest:]
            pending.extend(s for s in ending if s.kind == "claim" and s.end <= left)
            flush_refs()
            for span in reopen:
                out.append(_open_tag(span, first=False))
                stack.append(span)
        for span in opens.get(left, ()):
            if span not in stack:
                out.append(_open_tag(span, first=span.start >= offset))
                stack.append(span)
        out.append(escape(text[left - offset : right - offset]))
    for span in reversed(stack):
        out.append(_close_tag(span))
    pending.extend(s for s in stack if s.kind == "claim" and s.end <= end_of_para)
    stack.clear()
    flush_refs()
    return "".join(out)


def render_body(body: str, spans: list[Highlight]) -> str:
    """Return the body as ``<p>`` elements with every valid span highlighted."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(body)]
    spans = sorted(_drop_overlapping_mentions(spans), key=lambda s: s.start)
    parts: list[str] = []
    offset = 0
    # One pass over the spans in order of start: each paragraph sees only the spans
    # that reach into it, not every span of the body.
    upcoming, reaching = 0, []
    for line in body.split("\n"):
        end_of_line = offset + len(line)
        while upcoming < len(spans) and spans[upcoming].start < end_of_line:
            reaching.append(spans[upcoming])
            upcoming += 1
        reaching = [s for s in reaching if s.end > offset]
        if line.strip():
            parts.append(f"<p>{render_paragraph(line, offset, reaching)}</p>")
        offset += len(line) + 1
    return "\n".join(parts)
