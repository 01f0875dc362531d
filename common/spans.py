"""Text spans anchored in a document body (W3C Web Annotation selectors).

A span keeps both a TextPositionSelector (``start``/``end``) and a TextQuoteSelector
(``exact`` with ``prefix``/``suffix`` context) so that it can be found again after
the body it points into has been edited.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

CONTEXT_LENGTH = 32


class AnchorState(models.TextChoices):
    ANCHORED = "anchored", _("Anchored")
    MOVED = "moved", _("Moved — check")
    ORPHANED = "orphaned", _("Orphaned")


def context_around(body: str, start: int, end: int) -> tuple[str, str]:
    """Return the prefix and suffix context of ``body[start:end]``."""
    return body[max(0, start - CONTEXT_LENGTH) : start], body[
        end : end + CONTEXT_LENGTH
    ]


def find_occurrence(body: str, text: str, occurrence: int = 1) -> int | None:
    """Return the offset of the n-th (1-based) occurrence of ``text``, or None."""
    if not text or occurrence < 1:
        return None
    position = -1
    for _index in range(occurrence):
        position = body.find(text, position + 1)
        if position == -1:
            return None
    return position


def count_occurrences(body: str, text: str) -> int:
    """Count (possibly overlapping) occurrences of ``text`` in ``body``."""
    if not text:
        return 0
    count, position = 0, body.find(text)
    while position != -1:
        count += 1
        position = body.find(text, position + 1)
    return count


def occurrence_number(body: str, text: str, start: int) -> int:
    """Return which occurrence (1-based) of ``text`` begins at ``start``."""
    return count_occurrences(body[: start + len(text)], text) if text else 0


class TextSpan(models.Model):
    """Abstract span of a document body; subclasses say which body via span_body()."""

    start = models.PositiveIntegerField(
        _("start"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Offset of the first character of the span in the body."),
    )
    end = models.PositiveIntegerField(
        _("end"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Offset just after the last character of the span."),
    )
    exact = models.TextField(
        _("text"),
        blank=True,
        help_text=_("The exact text of the span, as it stands in the body."),
    )
    prefix = models.CharField(
        _("prefix"),
        max_length=CONTEXT_LENGTH * 2,
        blank=True,
        editable=False,
        help_text=_("Text just before the span, used to find it again after edits."),
    )
    suffix = models.CharField(
        _("suffix"),
        max_length=CONTEXT_LENGTH * 2,
        blank=True,
        editable=False,
        help_text=_("Text just after the span, used to find it again after edits."),
    )
    anchor_state = models.CharField(
        _("anchor"),
        max_length=16,
        choices=AnchorState.choices,
        default=AnchorState.ANCHORED,
        editable=False,
        help_text=_("Whether the span was found again after the body was edited."),
    )

    class Meta:
        abstract = True

    def span_body(self) -> str:
        raise NotImplementedError

    @property
    def has_span(self) -> bool:
        return self.start is not None and self.end is not None

    def set_span(self, body: str, start: int, end: int) -> None:
        """Point the span at ``body[start:end]`` and store its text and context."""
        self.start, self.end = start, end
        self.exact = body[start:end]
        self.prefix, self.suffix = context_around(body, start, end)
        self.anchor_state = AnchorState.ANCHORED

    def set_span_from_text(self, body: str, text: str, occurrence: int = 1) -> None:
        """Anchor the span on the n-th occurrence of ``text``.

        Raises ValidationError, with a message an editor understands, when there is
        no such occurrence.
        """
        if not text:
            raise ValidationError({"exact": _("Give the exact text of the span.")})
        found = count_occurrences(body, text)
        if found == 0:
            raise ValidationError(
                {"exact": _("“%(text)s” does not appear in the text.") % {"text": text}}
            )
        if occurrence > found:
            raise ValidationError(
                {
                    "exact": _(
                        "“%(text)s” appears %(found)d time(s); there is no occurrence "
                        "%(occurrence)d."
                    )
                    % {"text": text, "found": found, "occurrence": occurrence}
                }
            )
        start = find_occurrence(body, text, occurrence)
        self.set_span(body, start, start + len(text))

    def clear_span(self) -> None:
        self.start = self.end = None
        self.exact = self.prefix = self.suffix = ""
        self.anchor_state = AnchorState.ANCHORED

    def span_errors(self, body: str, required: bool) -> dict[str, str]:
        """Return field errors for a span that does not fit ``body``."""
        if not self.has_span:
            if self.start is not None or self.end is not None:
                return {"exact": _("A span needs both a start and an end.")}
            if required:
                return {"exact": _("Give the exact text of the span.")}
            return {}
        if self.anchor_state == AnchorState.ORPHANED:
            return {}
        if self.start >= self.end:
            return {"exact": _("A span must start before it ends.")}
        if self.end > len(body):
            return {"exact": _("The span runs past the end of the text.")}
        if body[self.start : self.end] != self.exact:
            return {
                "exact": _(
                    "The stored text “%(exact)s” does not match the text at "
                    "%(start)d–%(end)d (“%(found)s”)."
                )
                % {
                    "exact": self.exact,
                    "start": self.start,
                    "end": self.end,
                    "found": body[self.start : self.end],
                }
            }
        return {}


def span_constraints(prefix: str) -> list[models.BaseConstraint]:
    """Database checks every concrete span model carries (start before end)."""
    return [
        models.CheckConstraint(
            condition=models.Q(start__isnull=True, end__isnull=True)
            | models.Q(start__lt=models.F("end")),
            name=f"{prefix}_span_start_before_end",
        ),
    ]
