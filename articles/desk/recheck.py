"""The re-check page of a time-sensitive claim: confirm it still holds (with the
next date) or open an update. Both forms post here; the service does the rest."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.desk.forms import ConfirmRecheckForm, OpenUpdateForm, RecheckSeenForm
from articles.desk.views import staff_required
from articles.models import Claim
from articles.services import recheck as service

CONFIRM, UPDATE = "confirm", "update"


@staff_required
def recheck_claim(request, pk):
    if not request.user.has_perm(service.RECHECK):
        raise PermissionDenied
    claim = get_object_or_404(
        Claim.objects.select_related("article", "checked_by"), pk=pk
    )
    action = request.POST.get("action") if request.method == "POST" else None
    # Both forms have a note: the prefixes keep their names and ids apart.
    confirm_form = ConfirmRecheckForm(
        request.POST if action == CONFIRM else None, prefix=CONFIRM
    )
    update_form = OpenUpdateForm(
        request.POST if action == UPDATE else None, prefix=UPDATE
    )
    seen_form = RecheckSeenForm(
        request.POST if request.method == "POST" else None,
        prefix="recheck",
        auto_id=False,  # one hidden input in each of the two forms
        initial={"was_due_on": claim.recheck_on},
    )
    if request.method == "POST":
        seen = seen_form.cleaned_data["was_due_on"] if seen_form.is_valid() else None
        form = {CONFIRM: confirm_form, UPDATE: update_form}.get(action)
        if form is None:
            messages.error(
                request, _("Choose whether the claim still holds or needs an update.")
            )
        elif form.is_valid():
            try:
                done = _apply(action, claim, request.user, form.cleaned_data, seen)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, done)
                return redirect("articles:desk_home")
    context = {
        "claim": claim,
        "today": timezone.localdate(),
        "fact_checks": claim.fact_checks.order_by("title"),
        "rechecks": service.latest_rechecks(claim),
        "confirm_form": confirm_form,
        "update_form": update_form,
        "seen_form": seen_form,
    }
    return render(request, "articles/desk/recheck.html", context)


def _apply(action: str, claim: Claim, user, data: dict, seen) -> str:
    """Run the chosen re-check; the message that says what happened."""
    if action == CONFIRM:
        service.confirm_still_holds(
            claim=claim,
            user=user,
            next_recheck_on=data["next_recheck_on"],
            note=data["note"],
            seen_due_on=seen,
        )
        return _("Re-checked: the claim still holds; next re-check on %(date)s.") % {
            "date": data["next_recheck_on"].isoformat()
        }
    service.open_update(claim=claim, user=user, note=data["note"], seen_due_on=seen)
    return _(
        "Update opened: revise the claim, mark it checked, and republish its "
        "fact-checks; each will carry the dated update note."
    )
