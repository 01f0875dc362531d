"""Admin for what comes in: known fact-checks (and their feed upload), readers'
claim suggestions (the editors' moderation queue) and error reports (publishers)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.intake import services
from articles.intake.claimreview import FeedRefused
from articles.intake.forms import ClaimReviewUploadForm
from articles.models import (
    ClaimReviewImport,
    ClaimSuggestion,
    ErrorReport,
    KnownFactCheck,
    SubmissionState,
)

# The most refusals the upload page lists (the count says how many there were).
SHOWN_PROBLEMS = 50


def _link(url: str, text: str):
    return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', url, text)


# Django 6 makes https the default scheme of a URL form field; say so now.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by services: seen, never added or edited by hand."""

    formfield_overrides = URL_FIELDS

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(KnownFactCheck)
class KnownFactCheckAdmin(ReadOnlyAdmin):
    list_display = (
        "claim_reviewed",
        "rating_text",
        "publisher_name",
        "published_on",
        "review_link",
    )
    list_filter = ("publisher_name",)
    search_fields = ("claim_reviewed", "publisher_name", "claimant_name", "review_url")
    date_hierarchy = "published_on"
    list_select_related = ("source",)

    @admin.display(description=gettext_lazy("review"))
    def review_link(self, obj):
        return _link(obj.review_url, _("read it"))

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="articles_knownfactcheck_import",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_import": request.user.has_perm(services.IMPORT_PERMISSION),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Upload a ClaimReview feed: all of it is stored, or none with reasons."""
        if not request.user.has_perm(services.IMPORT_PERMISSION):
            raise PermissionDenied
        problems: list[str] = []
        form = ClaimReviewUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["feed"]
            try:
                result = services.import_claimreviews(
                    data=upload.read(), source_name=upload.name, user=request.user
                )
            except FeedRefused as refused:
                problems = refused.problems
            else:
                messages.success(
                    request,
                    _(
                        "Imported %(name)s: %(created)d new known fact-check(s), "
                        "%(updated)d updated."
                    )
                    % {
                        "name": upload.name,
                        "created": result.created,
                        "updated": result.updated,
                    },
                )
                return redirect("admin:articles_knownfactcheck_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import a ClaimReview feed"),
            "form": form,
            "problems": problems[:SHOWN_PROBLEMS],
            "problem_count": len(problems),
        }
        return TemplateResponse(
            request, "admin/articles/knownfactcheck/import.html", context
        )


@admin.register(ClaimReviewImport)
class ClaimReviewImportAdmin(ReadOnlyAdmin):
    list_display = (
        "source_name",
        "imported_at",
        "imported_by",
        "created_count",
        "updated_count",
    )
    list_select_related = ("imported_by",)


class SubmissionAdmin(admin.ModelAdmin):
    """Shared by both reader queues: newest first, state changes by action."""

    list_filter = ("state",)
    search_fields = ("message",)
    formfield_overrides = URL_FIELDS
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    @admin.display(description=gettext_lazy("message"))
    def excerpt(self, obj):
        return str(obj)

    def _each(self, request, queryset, service, **kwargs):
        changed = 0
        for submission in queryset:
            try:
                changed += bool(service(submission, user=request.user, **kwargs))
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
        if changed:
            messages.success(request, _("%(count)d updated.") % {"count": changed})


@admin.register(ClaimSuggestion)
class ClaimSuggestionAdmin(SubmissionAdmin):
    list_display = (
        "excerpt",
        "state",
        "created_at",
        "source_link",
        "article",
        "claim_link",
    )
    list_select_related = ("article", "claim")
    fields = (
        "message",
        "source_url",
        "contact_email",
        "state",
        "created_at",
        "handled_by",
        "handled_at",
        "article",
        "claim_link",
    )
    readonly_fields = (
        "message",
        "source_url",
        "contact_email",
        "state",
        "created_at",
        "handled_by",
        "handled_at",
        "claim_link",
    )
    autocomplete_fields = ("article",)
    actions = ("accept", "reject", "draft_claims")

    @admin.display(description=gettext_lazy("seen at"))
    def source_link(self, obj):
        return _link(obj.source_url, _("open")) if obj.source_url else "—"

    @admin.display(description=gettext_lazy("draft claim"))
    def claim_link(self, obj):
        if not obj.claim_id:
            return "—"
        url = reverse("admin:articles_article_tag", args=[obj.claim.article_id])
        return _link(url, str(obj.claim))

    @staticmethod
    def _moderate(suggestion, *, user, state):
        return services.moderate_suggestion(
            suggestion=suggestion, state=state, user=user
        )

    @admin.action(
        description=gettext_lazy("Accept the selected suggestions"),
        permissions=["change"],
    )
    def accept(self, request, queryset):
        self._each(request, queryset, self._moderate, state=SubmissionState.ACCEPTED)

    @admin.action(
        description=gettext_lazy("Reject the selected suggestions"),
        permissions=["change"],
    )
    def reject(self, request, queryset):
        self._each(request, queryset, self._moderate, state=SubmissionState.REJECTED)

    @admin.action(
        description=gettext_lazy(
            "Draft a claim from each accepted suggestion (on its article)"
        ),
        permissions=["change"],
    )
    def draft_claims(self, request, queryset):
        self._each(
            request,
            queryset.select_related("article"),
            lambda suggestion, user: services.draft_claim_from(
                suggestion=suggestion, user=user
            ),
        )


@admin.register(ErrorReport)
class ErrorReportAdmin(SubmissionAdmin):
    list_display = ("excerpt", "fact_check", "state", "created_at", "correct_link")
    list_select_related = ("fact_check",)
    fields = (
        "fact_check",
        "version_number",
        "message",
        "contact_email",
        "state",
        "created_at",
        "handled_by",
        "handled_at",
        "correct_link",
    )
    readonly_fields = fields
    actions = ("accept", "reject")

    @admin.display(description=gettext_lazy("correction"))
    def correct_link(self, obj):
        return _link(obj.correction_url(), _("Add a correction"))

    @staticmethod
    def _settle(report, *, user, state):
        return services.settle_error_report(report=report, state=state, user=user)

    @admin.action(
        description=gettext_lazy("Mark the selected reports as acted on"),
        permissions=["change"],
    )
    def accept(self, request, queryset):
        self._each(request, queryset, self._settle, state=SubmissionState.ACCEPTED)

    @admin.action(
        description=gettext_lazy("Reject the selected reports"),
        permissions=["change"],
    )
    def reject(self, request, queryset):
        self._each(request, queryset, self._settle, state=SubmissionState.REJECTED)
