"""Who did what on claims and quotes, read from their django-simple-history rows.

The four-eyes rules (``articles.services.workflow`` for approval and publication,
``articles.services.review`` for attribution review) and the fact-check admin read
this, never a hand-set field: every history row names the user who saved it (the
admin's request through simple_history's middleware, or the acting user a service
sets). Anyone who did something at any time counts, even if someone else later
changed it: the rule is about who touched the work, not whose words survive.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import AttributionReview, Citation, Claim, Quote
from common.bases import SuggestionState

CREATED = "+"
DELETED = "-"
SETTLED = {AttributionReview.CONFIRMED, AttributionReview.CORRECTED}
# The claim fields whose writing makes someone one of the checkers.
VERDICT_FIELDS = {
    "verdict": gettext_lazy("verdict"),
    "verdict_summary": gettext_lazy("verdict summary"),
    "analysis": gettext_lazy("analysis"),
}
# Per model: the fields naming who is credited (an editor's acceptance of a
# suggestion sets ``suggestion_state`` on both).
CREDIT_FIELDS = {
    Claim: ("speaker_id",),
    Quote: ("speaker_id", "speaker_text"),
}


def _add(users: list[int], user_id: int | None) -> None:
    if user_id is not None and user_id not in users:
        users.append(user_id)


@dataclass
class ClaimRecord:
    """User ids, in the order they first acted, for each kind of work on a claim."""

    tagged_by: list[int] = field(default_factory=list)
    wrote: dict[str, list[int]] = field(
        default_factory=lambda: {name: [] for name in VERDICT_FIELDS}
    )
    cited_by: list[int] = field(default_factory=list)
    reviewed_by: list[int] = field(default_factory=list)

    def deeds(self, user_id: int) -> str:
        """What ``user_id`` did that bars them from approving, as a readable phrase
        ("wrote its verdict and a citation, and confirmed its attribution"); empty
        when nothing."""
        written = [
            _("its %(field)s") % {"field": label}
            for name, label in VERDICT_FIELDS.items()
            if user_id in self.wrote[name]
        ]
        if user_id in self.cited_by:
            written.append(_("a citation"))
        deeds = []
        if written:
            deeds.append(_("wrote %(what)s") % {"what": join_phrases(written)})
        if user_id in self.reviewed_by:
            deeds.append(_("confirmed its attribution"))
        return _(", and ").join(deeds)

    def user_ids(self) -> set[int]:
        ids = {*self.tagged_by, *self.cited_by, *self.reviewed_by}
        for users in self.wrote.values():
            ids.update(users)
        return ids


def join_phrases(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {
        "first": ", ".join(words[:-1]),
        "last": words[-1],
    }


def _tagging(rows: Iterable[dict], model) -> dict[int, list[int]]:
    """Per item: who created it, set who is credited, or accepted the suggestion."""
    credit_fields = CREDIT_FIELDS[model]
    taggers: dict[int, list[int]] = {}
    previous: dict | None = None
    for row in rows:
        users = taggers.setdefault(row["id"], [])
        first = previous is None or previous["id"] != row["id"]
        if first:
            if row["history_type"] == CREATED:
                _add(users, row["history_user_id"])
        elif row["history_type"] != DELETED and (
            any(row[name] != previous[name] for name in credit_fields)
            or (
                row["suggestion_state"] == SuggestionState.CONFIRMED
                and previous["suggestion_state"] != SuggestionState.CONFIRMED
            )
        ):
            _add(users, row["history_user_id"])
        previous = row
    return taggers


def tagged_by(item: Claim | Quote) -> list[int]:
    """Ids of the users who tagged ``item``: created it, set its speaker,
    or accepted it as a suggestion (one query)."""
    model = type(item)
    rows = (
        model.history.filter(id=item.pk)
        .order_by("history_date", "history_id")
        .values(
            "id",
            "history_type",
            "history_user_id",
            *CREDIT_FIELDS[model],
            "suggestion_state",
        )
    )
    return _tagging(rows, model).get(item.pk, [])


def claim_records(claim_ids: Iterable[int]) -> dict[int, ClaimRecord]:
    """Who tagged, wrote, cited and reviewed each claim: two queries in all."""
    claim_ids = list(claim_ids)
    records = {pk: ClaimRecord() for pk in claim_ids}
    if not claim_ids:
        return records
    rows = list(
        Claim.history.filter(id__in=claim_ids)
        .order_by("id", "history_date", "history_id")
        .values(
            "id",
            "history_type",
            "history_user_id",
            "review_state",
            *CREDIT_FIELDS[Claim],
            "suggestion_state",
            *VERDICT_FIELDS,
        )
    )
    for pk, users in _tagging(rows, Claim).items():
        records[pk].tagged_by = users
    previous: dict | None = None
    for row in rows:
        record = records[row["id"]]
        user_id = row["history_user_id"]
        if previous is not None and previous["id"] != row["id"]:
            previous = None
        if row["history_type"] != DELETED:
            for name in VERDICT_FIELDS:
                before = previous[name] if previous else ""
                if row[name] and row[name] != before:
                    _add(record.wrote[name], user_id)
            before = previous["review_state"] if previous else None
            if row["review_state"] in SETTLED and row["review_state"] != before:
                _add(record.reviewed_by, user_id)
        previous = row
    citations = (
        Citation.history.filter(claim_id__in=claim_ids)
        .exclude(history_type=DELETED)
        .order_by("history_date", "history_id")
        .values_list("claim_id", "history_user_id")
    )
    for claim_id, user_id in citations:
        _add(records[claim_id].cited_by, user_id)
    return records


def usernames(user_ids: Iterable[int]) -> dict[int, str]:
    """Login names by id, in one query."""
    user_ids = set(user_ids)
    if not user_ids:
        return {}
    User = get_user_model()
    return {
        user.pk: user.get_username()
        for user in User.objects.filter(pk__in=user_ids).only(User.USERNAME_FIELD)
    }
