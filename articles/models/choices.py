from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    TRUE = "true", _("True")
    MOSTLY_TRUE = "mostly_true", _("Mostly true")
    MIXED = "mixed", _("Mixed")
    MISLEADING = "misleading", _("Misleading")
    MOSTLY_FALSE = "mostly_false", _("Mostly false")
    FALSE = "false", _("False")
    OUTDATED = "outdated", _("Outdated")
    UNVERIFIABLE = "unverifiable", _("Unverifiable")

    @property
    def rating(self) -> int:
        """The numeric ClaimReview ratingValue (WORST_RATING … BEST_RATING)."""
        return VERDICT_RATINGS[self]


# ClaimReview reviewRating: 1 (false) to 7 (true). Outdated sits above mixed (it was
# accurate once); unverifiable sits at the midpoint and is told apart by alternateName.
WORST_RATING = 1
BEST_RATING = 7
VERDICT_RATINGS = {
    Verdict.TRUE: 7,
    Verdict.MOSTLY_TRUE: 6,
    Verdict.OUTDATED: 5,
    Verdict.MIXED: 4,
    Verdict.UNVERIFIABLE: 4,
    Verdict.MISLEADING: 3,
    Verdict.MOSTLY_FALSE: 2,
    Verdict.FALSE: 1,
}


class ClaimState(models.TextChoices):
    OPEN = "open", _("Open")
    CHECKED = "checked", _("Checked")


class AttributionReview(models.TextChoices):
    UNREVIEWED = "unreviewed", _("Unreviewed")
    CONFIRMED = "confirmed", _("Confirmed")
    DISPUTED = "disputed", _("Disputed")
    CORRECTED = "corrected", _("Corrected")


class QuoteKind(models.TextChoices):
    DIRECT = "direct", _("Direct")
    INDIRECT = "indirect", _("Indirect")


class CitationStance(models.TextChoices):
    SUPPORTS = "supports", _("Supports")
    REFUTES = "refutes", _("Refutes")
    CONTEXT = "context", _("Context")


class FactCheckState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class CorrectionKind(models.TextChoices):
    """The IFCN kinds of public note: each is dated and shown to readers by kind."""

    CORRECTION = "correction", _("Correction")
    CLARIFICATION = "clarification", _("Clarification")
    UPDATE = "update", _("Update")
    RETRACTION = "retraction", _("Retraction")


class SourceHealth(models.TextChoices):
    """What the last check of a citation's page found (articles.sources.health)."""

    UNCHECKED = "unchecked", _("Not checked yet")
    OK = "ok", _("OK")
    MOVED = "moved", _("Moved")
    CHANGED = "changed", _("Changed")
    DEAD = "dead", _("Dead")
    UNREACHABLE = "unreachable", _("Unreachable")
    BLOCKED = "blocked", _("Not fetched (robots.txt)")

    @classmethod
    def broken(cls) -> set[str]:
        """Verdicts an editor must look at: the page is gone, elsewhere or rewritten."""
        return {cls.DEAD, cls.MOVED, cls.CHANGED}


# What each verdict means, for the public rating scale (policies' ratings page reads
# this with VERDICT_RATINGS, so the page cannot drift from what the pages publish).
VERDICT_MEANINGS = {
    Verdict.TRUE: _("The claim is accurate, and nothing significant is missing."),
    Verdict.MOSTLY_TRUE: _(
        "The claim is accurate but needs clarification or additional information."
    ),
    Verdict.MIXED: _("The claim is partly accurate and partly inaccurate."),
    Verdict.MISLEADING: _(
        "The claim contains accurate elements but leaves out or distorts context in "
        "a way that gives a false impression."
    ),
    Verdict.MOSTLY_FALSE: _(
        "The claim contains an element of truth but gets the substance wrong."
    ),
    Verdict.FALSE: _("The claim is inaccurate."),
    Verdict.OUTDATED: _(
        "The claim was accurate when it was made, but newer facts have overtaken it."
    ),
    Verdict.UNVERIFIABLE: _(
        "The available evidence can neither confirm nor refute the claim. It sits "
        "at the middle of the numeric scale and is told apart by its name."
    ),
}
