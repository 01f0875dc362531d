"""The attributed text inside its paragraph, with the cue and speaker marked."""

from dataclasses import dataclass, field

SPAN = "span"
CUE = "cue"
SPEAKER = "speaker"


@dataclass(frozen=True)
class Segment:
    text: str
    mark: str = ""  # "", SPAN, CUE or SPEAKER


@dataclass
class SpanContext:
    before: str = ""
    segments: list[Segment] = field(default_factory=list)
    after: str = ""
    has_span: bool = False


def _paragraph_bounds(body: str, offset: int) -> tuple[int, int]:
    start = body.rfind("\n", 0, offset) + 1
    end = body.find("\n", offset)
    return start, len(body) if end == -1 else end


def _neighbour_paragraph(body: str, start: int, end: int, step: int) -> str:
    """The nearest non-blank line before (step -1) or after (step 1) a paragraph."""
    lines = body[:start].splitlines() if step < 0 else body[end:].splitlines()
    if step < 0:
        lines.reverse()
    return next((line for line in lines if line.strip()), "")


def _nearest(paragraph: str, needle: str, near: int, taken) -> tuple[int, int] | None:
    """The occurrence of ``needle`` closest to ``near`` that overlaps no taken range."""
    if not needle:
        return None
    lower, target = paragraph.lower(), needle.lower()
    best, position = None, lower.find(target)
    while position != -1:
        found = (position, position + len(target))
        free = all(found[1] <= a or found[0] >= b for a, b in taken)
        distance = abs(position - near)
        if free and (best is None or distance < best[0]):
            best = (distance, found)
        position = lower.find(target, position + 1)
    return best[1] if best else None


def span_context(item, *, cue: str = "", speaker_text: str = "") -> SpanContext:
    """Split the item's paragraph into marked segments, with its neighbours.

    The cue is placed by its stored offsets when it has them, else by the
    occurrence of the cue words nearest the span; the speaker as written likewise.
    """
    body = item.article.body
    if not item.has_span or item.end > len(body):
        return SpanContext(segments=[Segment(item.exact)] if item.exact else [])
    start, end = _paragraph_bounds(body, item.start)
    end = max(end, item.end)
    paragraph = body[start:end]
    marks = {(item.start - start, item.end - start): SPAN}
    cue_start = getattr(item, "cue_start", None)
    cue_end = getattr(item, "cue_end", None)
    if cue_start is not None and cue_end is not None and start <= cue_start < end:
        marks[(cue_start - start, min(cue_end, end) - start)] = CUE
    else:
        found = _nearest(paragraph, cue, item.start - start, marks)
        if found:
            marks[found] = CUE
    found = _nearest(paragraph, speaker_text, item.start - start, marks)
    if found:
        marks[found] = SPEAKER
    segments, position = [], 0
    for (mark_start, mark_end), mark in sorted(marks.items()):
        if mark_start < position:
            continue  # overlapping marks: keep the first
        if mark_start > position:
            segments.append(Segment(paragraph[position:mark_start]))
        segments.append(Segment(paragraph[mark_start:mark_end], mark))
        position = mark_end
    if position < len(paragraph):
        segments.append(Segment(paragraph[position:]))
    return SpanContext(
        before=_neighbour_paragraph(body, start, end, -1),
        segments=segments,
        after=_neighbour_paragraph(body, start, end, 1),
        has_span=True,
    )
