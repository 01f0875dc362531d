"""Fact-checks in the admin: claims in order, corrections, and the workflow buttons.

Every state change (buttons on the change page, list actions) goes through
``articles.services.workflow``; the admin only collects input and shows the outcome.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles import contributions
from articles.admin.desk import AssignedToMeFilter, DeskAdminMixin
from articles.admin.sources import FactCheckSourcesBrokenFilter
from articles.models import (
    Correction,
    CorrectionKind,
    FactCheck,
    FactCheckClaim,
    FactCheckState,
    PublishedVersion,
)
from articles.services import workflow
from articles.services.errors import WorkflowError
from entities.admin import LabelledInlineMixin, TextInputAdminMixin
from entities.admin_history import SimpleHistoryAdmin
from entities.admin_scale import LargeTableAdminMixin
from entities.autocomplete import (
    LoadedAutocompleteAdminMixin,
    LoadedAutocompleteFormSetMixin,
)
from entities.locking import OptimisticLockAdminMixin
from entities.validators import TextInputFormMixin

State = FactCheckState


class ScheduleForm(TextInputFormMixin, forms.Form):
    at = forms.DateTimeField(
        label=gettext_lazy("Go live at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class CorrectionForm(TextInputFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=CorrectionKind.choices,
        initial=CorrectionKind.CORRECTION,
    )
    text = forms.CharField(
        label=gettext_lazy("Correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What was wrong and what was changed, for readers."),
    )


# The buttons: name → (label, permission, states it applies in, CSS class).
BUTTONS = {
    "submit": (
        gettext_lazy("Submit for review"),
        workflow.SUBMIT,
        workflow.SUBMITTABLE,
        "default",
    ),
    "request_changes": (
        gettext_lazy("Send back to draft"),
        workflow.APPROVE,
        workflow.RETURNABLE,
        "",
    ),
    "approve": (
        gettext_lazy("Approve"),
        workflow.APPROVE,
        workflow.APPROVABLE,
        "default",
    ),
    "publish": (
        gettext_lazy("Publish now"),
        workflow.PUBLISH,
        {State.APPROVED, State.UNPUBLISHED},
        "default",
    ),
    "republish": (
        gettext_lazy("Republish with the latest changes"),
        workflow.PUBLISH,
        {State.PUBLISHED},
        "default",
    ),
    "unpublish": (
        gettext_lazy("Unpublish"),
        workflow.PUBLISH,
        workflow.UNPUBLISHABLE,
        "deletelink",
    ),
}


class EverPublishedFilter(admin.SimpleListFilter):
    title = gettext_lazy("ever published")
    parameter_name = "ever_published"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("Never"))]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return queryset.filter(first_published_at__isnull=self.value() == "no")
        return queryset


class FactCheckClaimFormSet(LoadedAutocompleteFormSetMixin, forms.BaseInlineFormSet):
    """A fact-check covers one article: its claims must come from that article."""

    def clean(self):
        super().clean()
        article_id = self.instance.article_id
        for form in self.forms:
            claim = getattr(form, "cleaned_data", {}).get("claim")
            if (
                claim is None
                or form.cleaned_data.get("DELETE")
                or article_id is None
                or claim.article_id == article_id
            ):
                continue
            form.add_error(
                "claim",
                _("This claim belongs to another article: “%(article)s”.")
                % {"article": claim.article},
            )


class FactCheckClaimInline(
    LabelledInlineMixin,
    TextInputAdminMixin,
    LoadedAutocompleteAdminMixin,
    admin.TabularInline,
):
    model = FactCheckClaim
    formset = FactCheckClaimFormSet
    fields = ("position", "claim")
    autocomplete_fields = ("claim",)
    ordering = ("position", "pk")
    extra = 1
    verbose_name = gettext_lazy("claim")
    verbose_name_plural = gettext_lazy("claims, in the order readers see them")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim")


class CorrectionInline(LabelledInlineMixin, TextInputAdminMixin, admin.TabularInline):
    """Shown read-only: publishers add corrections with the form above (a service)."""

    model = Correction
    fields = ("published_at", "text", "created_by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FactCheck)
class FactCheckAdmin(
    LargeTableAdminMixin,
    TextInputAdminMixin,
    DeskAdminMixin,
    LoadedAutocompleteAdminMixin,
    OptimisticLockAdminMixin,
    SimpleHistoryAdmin,
):
    list_display = (
        "title",
        "state",
        "claim_count",
        "first_published_at",
        "scheduled_at",
        "updated_at",
    )
    list_filter = (
        "state",
        EverPublishedFilter,
        FactCheckSourcesBrokenFilter,
        AssignedToMeFilter,
    )
    search_fields = ("title", "summary", "article__headline")
    date_hierarchy = "updated_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("article", "authors")
    fields = ("article", "title", "slug", "summary", "authors")
    readonly_fields = ("workflow_status", "who_did_what")
    inlines = (FactCheckClaimInline, CorrectionInline)
    actions = (
        "submit_selected",
        "approve_selected",
        "publish_selected",
        "unpublish_selected",
    )
    change_form_template = "admin/articles/factcheck/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("article")
            .annotate(claim_count=Count("claims", distinct=True))
        )

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            return fields
        return ["workflow_status", *fields, "who_did_what"]

    @admin.display(description=gettext_lazy("claims"), ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count

    @admin.display(description=gettext_lazy("workflow"))
    def workflow_status(self, obj):
        return workflow_summary(obj)

    @admin.display(description=gettext_lazy("who did what"))
    def who_did_what(self, obj):
        return who_did_what_table(obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        """Only a published fact-check has a public page; drafts have the preview."""
        if obj.state == State.PUBLISHED:
            return obj.get_absolute_url()
        return None

    # Role checks used by the list actions (``@admin.action(permissions=…)``).
    def has_submit_permission(self, request):
        return request.user.has_perm(workflow.SUBMIT)

    def has_approve_permission(self, request):
        return request.user.has_perm(workflow.APPROVE)

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH)

    # The change page: buttons, gate, schedule and correction forms -------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<slug:action>/",
                view(require_POST(self.workflow_view)),
                name="articles_factcheck_workflow",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context = {
                **(extra_context or {}),
                **self.workflow_context(request, obj),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_context(self, request, obj) -> dict:
        user = request.user
        buttons = [
            {
                "action": name,
                "label": label,
                "css": css,
                "url": workflow_url(obj, name),
            }
            for name, (label, permission, states, css) in BUTTONS.items()
            if obj.state in states and user.has_perm(permission)
        ]
        can_publish = user.has_perm(workflow.PUBLISH)
        current = workflow.current_version(obj)
        can_schedule = can_publish and obj.state in workflow.SCHEDULABLE
        # The four-eyes problems concern whoever would approve or publish.
        approver = user if can_publish or user.has_perm(workflow.APPROVE) else None
        return {
            "workflow_buttons": buttons,
            "gate_problems": workflow.publish_problems(obj, approver=approver),
            "gate_warnings": workflow.publish_warnings(obj),
            "schedule_form": ScheduleForm() if can_schedule else None,
            "schedule_url": workflow_url(obj, "schedule"),
            "unschedule_url": (
                workflow_url(obj, "unschedule")
                if can_publish and obj.scheduled_at
                else ""
            ),
            "correction_form": (
                CorrectionForm()
                if user.has_perm(workflow.CORRECT) and obj.first_published_at
                else None
            ),
            "correction_url": workflow_url(obj, "correct"),
            "preview_url": reverse("articles:factcheck_preview", args=[obj.pk]),
            "current_version": current,
            "changed_since_published": (
                current is not None and workflow.changed_since_published(obj, current)
            ),
            "server_timezone": timezone.get_current_timezone_name(),
        }

    def workflow_view(self, request, object_id, action):
        return _workflow_view(self, request, object_id, action)

    # List actions ---------------------------------------------------------------

    def _run_on_each(self, request, queryset, service, done: str):
        succeeded = 0
        for fact_check in queryset:
            try:
                service(fact_check=fact_check, user=request.user)
            except WorkflowError as error:
                for message in error.messages:
                    messages.error(request, f"{fact_check}: {message}")
            else:
                succeeded += 1
        if succeeded:
            messages.success(
                request,
                _("%(count)d fact-check(s) %(done)s.")
                % {
                    "count": succeeded,
                    "done": done,
                },
            )

    @admin.action(
        description=gettext_lazy("Submit the selected for review"),
        permissions=["submit"],
    )
    def submit_selected(self, request, queryset):
        self._run_on_each(
            request, queryset, workflow.submit_for_review, _("submitted for review")
        )

    @admin.action(
        description=gettext_lazy("Approve the selected"), permissions=["approve"]
    )
    def approve_selected(self, request, queryset):
        self._run_on_each(request, queryset, workflow.approve, _("approved"))

    @admin.action(
        description=gettext_lazy("Publish the selected (each is all or nothing)"),
        permissions=["publish"],
    )
    def publish_selected(self, request, queryset):
        self._run_on_each(request, queryset, workflow.publish, _("published"))

    @admin.action(
        description=gettext_lazy("Unpublish the selected"), permissions=["publish"]
    )
    def unpublish_selected(self, request, queryset):
        self._run_on_each(request, queryset, workflow.unpublish, _("unpublished"))


# Lazy: translated when a page renders, in its language.
WHO_DID_WHAT_HEADERS = (
    gettext_lazy("#"),
    gettext_lazy("Claim"),
    gettext_lazy("Tagged by"),
    gettext_lazy("Verdict by"),
    gettext_lazy("Verdict summary by"),
    gettext_lazy("Analysis by"),
    gettext_lazy("Citations by"),
    gettext_lazy("Attribution reviewed by"),
)


def who_did_what_table(fact_check) -> str:
    """Per claim, who tagged it, wrote its verdict, summary, analysis and citations
    and reviewed its attribution (from the history); then who submitted and approved.

    Four queries, whatever the number of claims.
    """
    rows = list(
        FactCheckClaim.objects.filter(fact_check=fact_check)
        .select_related("claim")
        .order_by("position", "pk")
    )
    records = contributions.claim_records(row.claim_id for row in rows)
    steps = [
        (_("Sent for review by"), fact_check.submitted_by_id, fact_check.submitted_at),
        (_("Approved by"), fact_check.approved_by_id, fact_check.approved_at),
    ]
    names = contributions.usernames(
        {uid for record in records.values() for uid in record.user_ids()}
        | {uid for _label, uid, _at in steps if uid is not None}
    )
    done = format_html_join(
        " · ",
        "{} {}{}",
        (
            (
                label,
                names.get(uid, f"#{uid}"),
                f" ({timezone.localtime(at):%Y-%m-%d %H:%M})" if at else "",
            )
            for label, uid, at in steps
            if uid is not None
        ),
    )
    return format_html(
        '<table id="who-did-what"><thead><tr>{}</tr></thead><tbody>{}</tbody>'
        "</table><p>{}</p>",
        format_html_join(
            "", '<th scope="col">{}</th>', ((h,) for h in WHO_DID_WHAT_HEADERS)
        ),
        _who_did_what_rows(rows, records, names),
        done or _("Not yet sent for review."),
    )


def _who_did_what_rows(rows, records, names: dict[int, str]) -> str:
    """The table's body: one row per claim, each role's usernames."""

    def who(user_ids) -> str:
        return ", ".join(names.get(uid, f"#{uid}") for uid in user_ids) or "—"

    return format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td></tr>",
        (
            (
                number,
                str(row.claim),
                who(record.tagged_by),
                who(record.wrote["verdict"]),
                who(record.wrote["verdict_summary"]),
                who(record.wrote["analysis"]),
                who(record.cited_by),
                who(record.reviewed_by),
            )
            for number, row in enumerate(rows, start=1)
            for record in [records[row.claim_id]]
        ),
    )


def workflow_url(obj, action: str) -> str:
    return reverse("admin:articles_factcheck_workflow", args=[obj.pk, action])


def workflow_summary(obj) -> str:
    parts = [str(obj.get_state_display())]
    if obj.scheduled_at:
        parts.append(
            _("goes live %(at)s")
            % {"at": timezone.localtime(obj.scheduled_at).strftime("%Y-%m-%d %H:%M")}
        )
    if obj.first_published_at:
        parts.append(
            _("first published %(at)s")
            % {"at": timezone.localtime(obj.first_published_at).strftime("%Y-%m-%d")}
        )
    return " · ".join(parts)


SERVICES = {
    "submit": (workflow.submit_for_review, _("Submitted for review.")),
    "request_changes": (workflow.request_changes, _("Sent back to draft.")),
    "approve": (workflow.approve, _("Approved.")),
    "publish": (workflow.publish, _("Published.")),
    "republish": (workflow.publish, _("Republished: readers now see this version.")),
    "unpublish": (workflow.unpublish, _("Unpublished: readers get a 404 now.")),
}


def _workflow_view(model_admin, request, object_id, action):
    """One workflow button: call its service, then back to the change page."""
    fact_check = model_admin.get_object(request, object_id)
    if fact_check is None:
        raise Http404
    if not model_admin.has_view_or_change_permission(request, fact_check):
        raise PermissionDenied
    back = HttpResponseRedirect(
        reverse("admin:articles_factcheck_change", args=[fact_check.pk])
    )
    try:
        if action in SERVICES:
            service, done = SERVICES[action]
            service(fact_check=fact_check, user=request.user)
            if action in {"approve", "publish", "republish"}:
                for warning in workflow.publish_warnings(fact_check):
                    messages.warning(request, warning)
        elif action == "schedule":
            done = _schedule(request, fact_check)
        elif action == "unschedule":
            workflow.schedule(fact_check=fact_check, user=request.user, at=None)
            done = _("Schedule cancelled.")
        elif action == "correct":
            done = _correct(request, fact_check)
        else:
            raise Http404
    except WorkflowError as error:
        for message in error.messages:
            messages.error(request, message)
        return back
    if done:
        messages.success(request, done)
    return back


def _schedule(request, fact_check) -> str:
    if not request.user.has_perm(workflow.PUBLISH):
        raise PermissionDenied
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        raise WorkflowError(
            [_("Go live at: %(error)s") % {"error": e} for e in form.errors["at"]]
        )
    at = form.cleaned_data["at"]
    workflow.schedule(fact_check=fact_check, user=request.user, at=at)
    return _("Scheduled to go live at %(at)s.") % {
        "at": timezone.localtime(at).strftime("%Y-%m-%d %H:%M %Z")
    }


def _correct(request, fact_check) -> str:
    if not request.user.has_perm(workflow.CORRECT):
        raise PermissionDenied
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        if "kind" in form.errors:
            raise WorkflowError(str(workflow.UNKNOWN_CORRECTION_KIND))
        raise WorkflowError(_("Write the correction's text."))
    workflow.add_correction(
        fact_check=fact_check,
        user=request.user,
        text=form.cleaned_data["text"],
        kind=form.cleaned_data["kind"],
    )
    return _("Correction added; it shows on the public page.")


@admin.register(PublishedVersion)
class PublishedVersionAdmin(
    LargeTableAdminMixin, TextInputAdminMixin, admin.ModelAdmin
):
    """Snapshots are immutable: they can be read, never added, changed or removed."""

    list_display = ("title", "number", "is_current", "published_at", "published_by")
    list_filter = ("is_current",)
    list_select_related = ("published_by",)
    ordering = ("-pk",)
    search_fields = ("title", "slug")
    date_hierarchy = "published_at"
    fields = (
        "fact_check",
        "number",
        "is_current",
        "published_at",
        "published_by",
        "title",
        "slug",
        "summary",
        "snapshot",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CorrectionAddForm(forms.ModelForm):
    """Only fact-checks that have been published can be corrected."""

    class Meta:
        model = Correction
        fields = ("fact_check", "kind", "text")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fact_check"].queryset = FactCheck.objects.filter(
            first_published_at__isnull=False
        ).order_by("title")
        self.fields["fact_check"].help_text = _(
            "Only fact-checks that have been published are listed."
        )


@admin.register(Correction)
class CorrectionAdmin(
    LargeTableAdminMixin,
    TextInputAdminMixin,
    OptimisticLockAdminMixin,
    SimpleHistoryAdmin,
):
    """Adding calls ``workflow.add_correction``; the wording can be fixed later."""

    list_display = ("fact_check", "kind", "published_at", "created_by")
    list_filter = ("kind",)
    list_select_related = ("fact_check", "created_by")
    search_fields = ("text", "fact_check__title")
    date_hierarchy = "published_at"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = CorrectionAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("fact_check", "kind", "text")
        return ("fact_check", "kind", "published_at", "created_by", "text")

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("fact_check", "published_at", "created_by")

    def save_model(self, request, obj, form, change):
        if change:
            # The Correction signal renders the page again and refreshes it.
            super().save_model(request, obj, form, change)
            return
        correction = workflow.add_correction(
            fact_check=obj.fact_check, user=request.user, text=obj.text, kind=obj.kind
        )
        # The admin goes on with ``obj`` (log entry, redirect): make it the saved row.
        obj.pk = correction.pk
        obj.published_at = correction.published_at
        obj.created_by = correction.created_by
        obj._state.adding = False
