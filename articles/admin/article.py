from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.postgres.search import SearchQuery
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from articles.admin import paginated
from articles.admin.paginated import PaginatedInlineMixin
from articles.admin.tagging import TaggingAdminMixin
from articles.forms import ClaimForm, MentionForm, QuoteForm
from articles.models import Article, Claim, Mention, Quote
from articles.models.article import BODY_SEARCH_CONFIG
from common.spans import occurrence_number
from entities.admin import (
    CreatedByAdminMixin,
    LabelledInlineMixin,
    ProtectedDeleteAdminMixin,
    SpanAdminMixin,
    TextInputAdminMixin,
)
from entities.admin_history import SimpleHistoryAdmin
from entities.admin_scale import LargeTableAdminMixin
from entities.autocomplete import (
    LoadedAutocompleteAdminMixin,
    LoadedAutocompleteFormSetMixin,
)
from entities.forms import SpanInlineFormSet
from entities.locking import (
    OptimisticLockAdminMixin,
    OptimisticLockInlineMixin,
)


class ArticleSpanFormSet(LoadedAutocompleteFormSetMixin, SpanInlineFormSet):
    """Span rows of an article; their entities are labelled in one query."""


class SpanInlineMixin(
    TextInputAdminMixin, LoadedAutocompleteAdminMixin, SpanAdminMixin
):
    """For inlines whose spans are typed as text and anchored in the parent's body."""

    formset = ArticleSpanFormSet
    extra = 0
    show_change_link = True


class MentionInline(
    LabelledInlineMixin,
    OptimisticLockInlineMixin,
    PaginatedInlineMixin,
    SpanInlineMixin,
    admin.TabularInline,
):
    model = Mention
    template = paginated.TABULAR
    per_page = 25
    ordering = ("start", "pk")
    form = MentionForm
    fields = (
        "entity",
        "exact",
        "occurrence",
        "suggestion_state",
        "origin",
        "anchor_state",
    )
    readonly_fields = ("anchor_state",)
    autocomplete_fields = ("entity",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entity")


class QuoteInline(
    PaginatedInlineMixin,
    OptimisticLockInlineMixin,
    SpanInlineMixin,
    admin.StackedInline,
):
    model = Quote
    template = paginated.STACKED
    per_page = 10
    ordering = ("start", "pk")
    form = QuoteForm
    fields = (
        ("exact", "occurrence"),
        ("speaker", "speaker_text"),
        ("cue", "cue_occurrence"),
        ("kind", "is_vague", "suggestion_state"),
        "review_state",
    )
    readonly_fields = ("review_state",)
    autocomplete_fields = ("speaker",)

    @admin.display(description=_("cue occurrence"))
    def cue_occurrence(self, obj):
        if obj is None or not obj.cue or obj.cue_start is None:
            return "—"
        return occurrence_number(obj.article.body, obj.cue, obj.cue_start)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


class ClaimInline(
    PaginatedInlineMixin,
    OptimisticLockInlineMixin,
    SpanInlineMixin,
    admin.StackedInline,
):
    model = Claim
    template = paginated.STACKED
    per_page = 20
    ordering = ("start", "pk")
    form = ClaimForm
    fields = (
        "statement",
        ("exact", "occurrence"),
        ("speaker", "verdict", "state"),
        "verdict_summary",
        "recheck_on",
        "review_state",
    )
    readonly_fields = ("review_state",)
    autocomplete_fields = ("speaker",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


@admin.register(Article)
class ArticleAdmin(
    LargeTableAdminMixin,
    TextInputAdminMixin,
    OptimisticLockAdminMixin,
    ProtectedDeleteAdminMixin,
    TaggingAdminMixin,
    CreatedByAdminMixin,
    SimpleHistoryAdmin,
):
    list_display = (
        "headline",
        "publication",
        "published_on",
        "language",
        "mention_count",
        "quote_count",
        "claim_count",
        "uncited_claim_count",
    )
    list_filter = ("language", "published_on", "publication")
    list_select_related = ("publication",)
    # On PostgreSQL the body is matched by its words (the stored ``search_vector``,
    # stemmed: "prices" finds "price"), the short columns by substring; elsewhere
    # every field by substring.
    search_fields = ("headline", "body", "byline", "original_url")
    search_help_text = _(
        "Finds part of a headline, byline or address, or a word of the body."
    )
    prepopulated_fields = {"slug": ("headline",)}
    autocomplete_fields = ("publication",)
    readonly_fields = ("created_by", "created_at", "updated_at")
    fieldsets = (
        (
            None,
            {"fields": ("headline", "slug", "publication", "byline", "body")},
        ),
        (
            _("Source"),
            {"fields": ("original_url", "published_on", "language")},
        ),
        (
            _("Record"),
            {
                "fields": ("created_by", "created_at", "updated_at"),
                "classes": ("collapse",),
            },
        ),
    )
    inlines = (MentionInline, QuoteInline, ClaimInline)

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts().defer("search_vector")

    def search_condition(self, field, term):
        if field != "body":
            return None
        # "phrase": a quoted term's words in order; a single word as itself.
        words = SearchQuery(term, search_type="phrase", config=BODY_SEARCH_CONFIG)
        return Q(search_vector=words)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 18, "cols": 100})
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            # A browser cuts pasted text at ``maxlength`` without a word: leave the
            # length to the server, whose error names the limit.
            formfield.widget.attrs.pop("maxlength", None)
        if db_field.name == "body" and formfield is not None:
            formfield.help_text = format_lazy(
                "{} {}",
                formfield.help_text,
                _("At most %(limit)s characters.")
                % {
                    "limit": number_format(
                        settings.ARTICLE_BODY_MAX_CHARS, force_grouping=True
                    )
                },
            )
        return formfield

    @admin.display(description=_("mentions"), ordering="mention_count")
    def mention_count(self, obj):
        return obj.mention_count

    @admin.display(description=_("quotes"), ordering="quote_count")
    def quote_count(self, obj):
        return obj.quote_count

    @admin.display(description=_("claims"), ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count

    @admin.display(
        description=_("claims without citations"), ordering="uncited_claim_count"
    )
    def uncited_claim_count(self, obj):
        return obj.uncited_claim_count

    def save_formset(self, request, form, formset, change):
        stamp_new_rows(request, formset)
        super().save_formset(request, form, formset, change)


def stamp_new_rows(request, formset) -> None:
    """Set created_by (and who last set an attribution) on rows saved by inlines."""
    for inline_form in formset.forms:
        obj = inline_form.instance
        if not inline_form.has_changed() or inline_form in formset.deleted_forms:
            continue
        if hasattr(obj, "created_by_id") and obj.created_by_id is None:
            obj.created_by = request.user
        note_attribution_change(request, obj, inline_form.changed_data)


ATTRIBUTION_FIELDS = {"exact", "occurrence", "speaker", "speaker_text"}


def note_attribution_change(request, obj, changed_data) -> None:
    """Who set a speaker, claimant or span may not review it.

    The model itself drops an existing review when the attribution changes
    (articles.models.review_reset); this only names the person for four eyes.
    """
    if not hasattr(obj, "credit_attribution"):
        return
    if obj.pk is None or ATTRIBUTION_FIELDS & set(changed_data):
        obj.credit_attribution(request.user)
