"""Reset a reviewed attribution when what it attributes changes.

``AttributionResetMixin.credit_attribution`` is the one writer of
``attribution_changed_by`` (who last set a speaker, claimant or span: four eyes keeps
them from reviewing it). The services call it with their acting user; ``save()``
calls it for the saves that name no user.

Why the reset still runs in ``save()`` and, for a save that names no user, reads the
request's user from simple_history's thread-local (``HistoricalRecords.context``):
the admin's change forms and inlines call ``credit_attribution`` with the request's
user before saving (``articles/admin/article.py`` ``note_attribution_change``), but
re-anchoring after a body edit shifts spans, which counts as an attribution change
by the body's editor, and the suite pins that a plain save during a request is
stamped with its user
(``test_review_admin.test_a_change_during_a_request_is_stamped_with_its_user``,
``test_four_eyes``' ``acting_as``). Callers that know the user set ``changed_by``
(read first) or call ``credit_attribution``.
"""

from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from articles.models.choices import AttributionReview

# The review of an attribution (the admin shows these read-only).
REVIEW_FIELDS = ("review_state", "reviewed_by", "reviewed_at", "review_note")
# What a reset writes: the review, and who changed the attribution.
RESET_FIELDS = (*REVIEW_FIELDS, "attribution_changed_by")


def acting_user(instance):
    """The user saving ``instance``: ``changed_by`` if the caller set it, else the
    user of the request simple_history's middleware is serving, else None."""
    user = getattr(instance, "changed_by", None)
    if user is None:
        request = getattr(HistoricalRecords.context, "request", None)
        user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


class AttributionResetMixin:
    """Mixed into Quote and Claim before the model bases.

    ``attribution_fields`` are the attnames that define the attribution (who and
    where). Their values as loaded are kept; ``save()`` compares against them. A
    review service sets ``is_review_action`` so its own change is not a "change".
    """

    attribution_fields: tuple[str, ...] = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_attribution()
        return instance

    def _remember_attribution(self) -> None:
        # Only fields actually loaded (deferred ones are not in __dict__).
        self._loaded_attribution = {
            name: self.__dict__[name]
            for name in self.attribution_fields
            if name in self.__dict__
        }

    def attribution_has_changed(self) -> bool:
        loaded = getattr(self, "_loaded_attribution", None)
        if not loaded:
            return False
        return any(getattr(self, name) != value for name, value in loaded.items())

    def credit_attribution(self, user) -> None:
        """Record ``user`` (if any) as who last set this attribution."""
        if user is not None:
            self.attribution_changed_by = user

    def prepare_insert(self) -> None:
        """What ``save()`` does to a new row before its INSERT; a service writing
        rows with ``bulk_create`` calls it on each (and ``saved()`` after)."""
        if (
            not getattr(self, "is_review_action", False)
            and self.attribution_changed_by_id is None
        ):
            self.credit_attribution(acting_user(self))

    def saved(self) -> None:
        """What ``save()`` does to the row after its INSERT or UPDATE."""
        self.is_review_action = False
        self._remember_attribution()

    def save(self, *args, **kwargs):
        adding = self._state.adding
        if adding:
            self.prepare_insert()
        elif not getattr(self, "is_review_action", False):
            if self.attribution_has_changed():
                user = acting_user(self)
                self._reset_review(user)
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, *RESET_FIELDS}
        super().save(*args, **kwargs)
        self.saved()

    def _reset_review(self, user) -> None:
        self.credit_attribution(user)
        # A caller (the admin) may already have set the state back: clear the rest.
        if (
            self.review_state == AttributionReview.UNREVIEWED
            and self.reviewed_by_id is None
            and self.reviewed_at is None
        ):
            return
        # The note and reviewer stay in the history rows; the item starts over.
        self.review_state = AttributionReview.UNREVIEWED
        self.reviewed_by = None
        self.reviewed_at = None
        self.review_note = ""
        if not getattr(self, "_change_reason", None):
            self._change_reason = _("Attribution changed: review reset")
