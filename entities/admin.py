from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from entities.admin_history import SimpleHistoryAdmin
from entities.autocomplete import LoadedAutocompleteAdminMixin
from entities.forms import MentionForm
from entities.models import Alias, Entity, Mention
from entities.spans import occurrence_number


class CreatedByAdminMixin:
    """Stamp the acting user as created_by on additions (models that have it)."""

    def save_model(self, request, obj, form, change):
        if not change and hasattr(obj, "created_by_id") and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class SpanAdminMixin:
    """Read-only displays of a span's occurrence (the form field on editable pages)."""

    @admin.display(description=_("occurrence"))
    def occurrence(self, obj):
        if obj is None or not obj.has_span:
            return "—"
        return occurrence_number(obj.span_body(), obj.exact, obj.start)

    @admin.display(description=_("in context"))
    def context(self, obj):
        return span_in_context(obj)


def span_in_context(span) -> str:
    """The span highlighted between its stored prefix and suffix."""
    if not span.exact:
        return "—"
    return format_html("…{}<mark>{}</mark>{}…", span.prefix, span.exact, span.suffix)


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1


@admin.register(Entity)
class EntityAdmin(CreatedByAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "name",
        "kind",
        "alias_list",
        "mention_count",
        "wikidata_link",
        "updated_at",
    )
    list_filter = ("kind",)
    date_hierarchy = "created_at"
    search_fields = ("name", "aliases__name", "wikidata_id", "description")
    search_help_text = _("Search names, aliases and Wikidata ids.")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = (AliasInline,)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_mention_count()
            .prefetch_related("aliases")
        )

    @admin.display(description=_("aliases"))
    def alias_list(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all()) or "—"

    @admin.display(description=_("mentions"), ordering="mention_count")
    def mention_count(self, obj):
        return obj.mention_count

    @admin.display(description=_("Wikidata"), ordering="wikidata_id")
    def wikidata_link(self, obj):
        if not obj.wikidata_id:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener">{}</a>', obj.wikidata_url, obj.wikidata_id
        )


@admin.register(Alias)
class AliasAdmin(LoadedAutocompleteAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "entity", "entity_kind", "is_acronym")
    list_filter = ("entity__kind",)
    list_select_related = ("entity",)
    search_fields = ("name", "entity__name")
    autocomplete_fields = ("entity",)

    @admin.display(description=_("kind"), ordering="entity__kind")
    def entity_kind(self, obj):
        return obj.entity.get_kind_display()

    @admin.display(description=_("acronym"), boolean=True)
    def is_acronym(self, obj):
        return obj.is_acronym


@admin.register(Mention)
class MentionAdmin(LoadedAutocompleteAdminMixin, SpanAdminMixin, SimpleHistoryAdmin):
    form = MentionForm
    list_display = (
        "exact",
        "entity",
        "article",
        "start",
        "state",
        "origin",
        "anchor_state",
    )
    list_filter = ("state", "origin", "anchor_state", "entity__kind")
    list_select_related = ("entity", "article")
    search_fields = ("exact", "entity__name", "article__headline")
    autocomplete_fields = ("entity", "article")
    date_hierarchy = "created_at"
    fields = (
        "article",
        "entity",
        "exact",
        "occurrence",
        "context",
        "state",
        "origin",
        "anchor_state",
    )
    readonly_fields = ("context", "anchor_state")
