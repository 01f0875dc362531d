from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.admin.article import note_attribution_change, stamp_new_rows
from articles.admin.changelists import LeanArticleChangeListMixin
from articles.admin.desk import (
    AssignedToMeFilter,
    DeskAdminMixin,
    RecheckDueFilter,
)
from articles.admin.review import AttributionReviewAdminMixin
from articles.admin.sources import (
    SourceCheckInline,
    SourceHealthAdminMixin,
    SourcesBrokenFilter,
    health_badge,
)
from articles.forms import ClaimForm, QuoteForm
from articles.models import Citation, Claim, Quote
from articles.models.review_reset import REVIEW_FIELDS
from common.spans import occurrence_number
from entities.admin import (
    CreatedByAdminMixin,
    ProtectedDeleteAdminMixin,
    SpanAdminMixin,
    TextInputAdminMixin,
)
from entities.admin_history import SimpleHistoryAdmin
from entities.admin_scale import LargeTableAdminMixin
from entities.autocomplete import LoadedAutocompleteAdminMixin
from entities.locking import (
    OptimisticLockAdminMixin,
    OptimisticLockInlineMixin,
)


class AttributionAdminMixin(
    TextInputAdminMixin,
    LoadedAutocompleteAdminMixin,
    SpanAdminMixin,
    CreatedByAdminMixin,
):
    """Record who last set the speaker, claimant or span (four-eyes review)."""

    def save_model(self, request, obj, form, change):
        note_attribution_change(request, obj, form.changed_data)
        super().save_model(request, obj, form, change)


@admin.register(Quote)
class QuoteAdmin(
    DeskAdminMixin,
    LargeTableAdminMixin,
    LeanArticleChangeListMixin,
    OptimisticLockAdminMixin,
    AttributionReviewAdminMixin,
    AttributionAdminMixin,
    SimpleHistoryAdmin,
):
    form = QuoteForm
    list_display = (
        "short_text",
        "speaker_name",
        "cue",
        "kind",
        "is_vague",
        "review_state",
        "suggestion_state",
        "article",
    )
    list_filter = (
        "kind",
        "is_vague",
        "review_state",
        "suggestion_state",
        "origin",
        AssignedToMeFilter,
    )
    list_select_related = ("speaker", "article")
    # Newest first by primary key: the model's own ordering sorts by the article's
    # (a join and a sort of the whole table on every page of the list).
    ordering = ("-pk",)
    search_fields = ("exact", "speaker__name", "speaker_text", "article__headline")
    autocomplete_fields = ("article", "speaker")
    readonly_fields = ("context", "anchor_state", *REVIEW_FIELDS, "created_by")
    fieldsets = (
        (None, {"fields": ("article", ("exact", "occurrence"), "context")}),
        (
            _("Attribution"),
            {
                "fields": (
                    ("speaker", "speaker_text"),
                    ("cue", "cue_occurrence"),
                    ("kind", "is_vague"),
                    ("suggestion_state", "origin"),
                )
            },
        ),
        (_("Review"), {"fields": (*REVIEW_FIELDS, "anchor_state", "created_by")}),
    )

    @admin.display(description=_("cue occurrence"))
    def cue_occurrence(self, obj):
        if obj is None or not obj.cue or obj.cue_start is None:
            return "—"
        return occurrence_number(obj.article.body, obj.cue, obj.cue_start)

    @admin.display(description=_("quote"), ordering="exact")
    def short_text(self, obj):
        return obj.exact if len(obj.exact) <= 70 else obj.exact[:67] + "…"

    @admin.display(description=_("speaker"), ordering="speaker__name")
    def speaker_name(self, obj):
        return obj.speaker or obj.speaker_text or "—"


class CitationsFilter(admin.SimpleListFilter):
    title = _("citations")
    parameter_name = "cited"

    def lookups(self, request, model_admin):
        return (("no", _("None yet")), ("yes", _("At least one")))

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.without_citations()
        if self.value() == "yes":
            return queryset.filter(
                Exists(Citation.objects.filter(claim=OuterRef("pk")))
            )
        return queryset


class CitationInline(
    TextInputAdminMixin, OptimisticLockInlineMixin, admin.StackedInline
):
    model = Citation
    extra = 0
    fields = (
        ("url", "archived_url"),
        ("title", "publisher"),
        ("published_on", "accessed_on", "stance", "position"),
        "excerpt",
        ("source_health_badge", "source_checked_at"),
    )
    readonly_fields = ("source_health_badge", "source_checked_at")

    @admin.display(description=_("source health"))
    def source_health_badge(self, obj):
        return health_badge(obj.source_health) if obj.pk else "—"


@admin.register(Claim)
class ClaimAdmin(
    LargeTableAdminMixin,
    LeanArticleChangeListMixin,
    DeskAdminMixin,
    OptimisticLockAdminMixin,
    ProtectedDeleteAdminMixin,
    AttributionReviewAdminMixin,
    AttributionAdminMixin,
    SimpleHistoryAdmin,
):
    form = ClaimForm
    list_display = (
        "__str__",
        "speaker",
        "verdict",
        "state",
        "review_state",
        "citation_count",
        "recheck_on",
        "article",
    )
    list_filter = (
        "verdict",
        "state",
        "review_state",
        CitationsFilter,
        "suggestion_state",
        RecheckDueFilter,
        AssignedToMeFilter,
    )
    list_select_related = ("speaker", "article")
    # Newest first by primary key: the model's own ordering sorts by the article's
    # (a join and a sort of the whole table on every page of the list).
    ordering = ("-pk",)
    search_fields = (
        "statement",
        "exact",
        "verdict_summary",
        "speaker__name",
        "article__headline",
    )
    autocomplete_fields = ("article", "speaker", "checked_by", "repeat_of")
    readonly_fields = ("context", "anchor_state", *REVIEW_FIELDS, "created_by")
    fieldsets = (
        (
            None,
            {"fields": ("article", "statement", ("exact", "occurrence"), "context")},
        ),
        (
            _("Verdict"),
            {
                "fields": (
                    "speaker",
                    ("verdict", "state"),
                    "verdict_summary",
                    "analysis",
                    ("checked_by", "recheck_on"),
                    "repeat_of",
                    ("origin", "suggestion_state"),
                )
            },
        ),
        (_("Review"), {"fields": (*REVIEW_FIELDS, "anchor_state", "created_by")}),
    )
    inlines = (CitationInline,)
    change_form_template = "admin/articles/claim/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).with_citation_count()

    @admin.display(description=_("citations"), ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count

    def save_formset(self, request, form, formset, change):
        stamp_new_rows(request, formset)
        super().save_formset(request, form, formset, change)


@admin.register(Citation)
class CitationAdmin(
    LargeTableAdminMixin,
    SourceHealthAdminMixin,
    TextInputAdminMixin,
    LoadedAutocompleteAdminMixin,
    OptimisticLockAdminMixin,
    ProtectedDeleteAdminMixin,
    CreatedByAdminMixin,
    SimpleHistoryAdmin,
):
    list_display = (
        "title",
        "publisher",
        "stance",
        "link",
        "source_health_badge",
        "claim",
    )
    list_filter = (SourcesBrokenFilter, "stance", "published_on")
    readonly_fields = ("source_health_badge", "source_checked_at")
    inlines = (SourceCheckInline,)
    actions = ("check_sources_now",)
    list_select_related = ("claim",)
    # Newest first by primary key: the model's own ordering sorts by the article's
    # (a join and a sort of the whole table on every page of the list).
    ordering = ("-pk",)
    search_fields = ("title", "url", "publisher", "excerpt", "claim__statement")
    autocomplete_fields = ("claim",)
    date_hierarchy = "published_on"

    @admin.display(description=_("address"), ordering="url")
    def link(self, obj):
        return format_html('<a href="{}" rel="noopener">{}</a>', obj.url, obj.url)
