"""Forms of the desk: assign, comment, preferences. The services check the rest."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import AssignmentTask, Delivery, DeskEvent, default_delivery


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=get_user_model().objects.none(),
        help_text=_("Only people whose role may act on the item are listed."),
    )
    task = forms.ChoiceField(
        label=_("Task"), choices=AssignmentTask.choices, required=False
    )
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on is not None and due_on < timezone.localdate():
            raise forms.ValidationError(
                _("The due date %(date)s is already past.")
                % {"date": due_on.isoformat()},
                code="past",
            )
        return due_on

    def __init__(self, *args, assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        if assignees is not None:
            self.fields["assignee"].queryset = assignees
        else:
            self.fields["assignee"].queryset = get_user_model().objects.filter(
                is_active=True, is_staff=True
            )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Staff only, never shown to readers. @username tells that person."),
    )


class PreferencesForm(forms.Form):
    """One choice per event, each saying the event's default (what applies until
    one is saved)."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in DeskEvent.choices:
            self.fields[value] = forms.ChoiceField(
                label=label,
                choices=Delivery.choices,
                initial=current.get(value, default_delivery(value)),
                help_text=_("Default: %(delivery)s")
                % {"delivery": Delivery(default_delivery(value)).label},
            )


class ConfirmRecheckForm(forms.Form):
    """The claim still holds: when to look again."""

    next_recheck_on = forms.DateField(
        label=_("Next re-check on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("A date after today."),
    )
    note = forms.CharField(
        label=_("What you checked (for the desk)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OpenUpdateForm(forms.Form):
    """The claim needs an update: the public note its republication will carry."""

    note = forms.CharField(
        label=_("Update note for readers"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown, dated, as an “Update” on each fact-check showing the claim when "
            "it is republished."
        ),
    )


class RecheckSeenForm(forms.Form):
    """The re-check date the page was read at, sent back with either form: the
    service refuses when someone re-checked the claim meanwhile (a double click, or
    two people on one page)."""

    was_due_on = forms.DateField(widget=forms.HiddenInput, required=False)
