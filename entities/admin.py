from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects
from django.db import models, router
from django.db.models import ProtectedError
from django.forms.utils import pretty_name
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common.spans import occurrence_number
from entities.admin_history import SimpleHistoryAdmin
from entities.admin_scale import LargeTableAdminMixin, bounded_search_term
from entities.autocomplete import LoadedAutocompleteAdminMixin
from entities.locking import OptimisticLockAdminMixin, OptimisticLockInlineMixin
from entities.models import Alias, Entity
from entities.validators import guard_text_field


class TextInputAdminMixin:
    """For every ModelAdmin and inline: text fields refuse control characters.

    Long text fields (TextField) may hold tab and line breaks, short ones nothing
    of the kind. Search terms (the changelist's and the autocomplete's) lose their
    control characters instead: a search is never a 500.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(
            db_field, (models.CharField, models.TextField)
        ):
            guard_text_field(field, multiline=isinstance(db_field, models.TextField))
        return field

    def get_search_results(self, request, queryset, search_term):
        search_term = bounded_search_term(search_term)
        return super().get_search_results(request, queryset, search_term)


class LabelledInlineMixin:
    """Give every input of an inline row an accessible name (``aria-label``).

    A tabular inline names its columns once, in the table head, so the row's inputs
    and selects have no ``<label>``: screen readers announce them unnamed (axe:
    label, select-name). Each field's widget gets its label as ``aria-label``.
    """

    def get_formset(self, request, obj=None, **kwargs):
        return _labelled(super().get_formset(request, obj, **kwargs))


def _labelled(formset_class):
    """The formset, naming each field once the formset has added its own (delete,
    order) to the row."""

    def add_fields(self, form, index):
        formset_class.add_fields(self, form, index)
        for name, field in form.fields.items():
            label = field.label if field.label is not None else pretty_name(name)
            # A foreign key's widget is wrapped (add/change links): name the select.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", str(label))

    return type(formset_class.__name__, (formset_class,), {"add_fields": add_fields})


class CreatedByAdminMixin:
    """Stamp the acting user as created_by on additions (models that have it)."""

    def save_model(self, request, obj, form, change):
        if not change and hasattr(obj, "created_by_id") and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


def holders(objs) -> list[str]:
    """What keeps ``objs`` from being deleted, once each, in words an editor knows.

    A row that protects another (a published version's entity card, claim or
    citation; a fact-check of an article) names its fact-check through
    ``protection_note()``; anything else is named by its type and title.
    """
    using = router.db_for_write(objs[0]._meta.model)
    collector = NestedObjects(using=using, origin=objs)
    collector.collect(objs)
    return _notes(collector.protected)


def _notes(protected) -> list[str]:
    notes = set()
    for obj in protected:
        note = getattr(obj, "protection_note", None)
        notes.add(
            str(note())
            if callable(note)
            else f"{capfirst(obj._meta.verbose_name)}: {obj}"
        )
    return sorted(notes)


class ProtectedDeleteAdminMixin:
    """Deleting what published fact-checks show is refused by name, never a 500.

    The delete page and the "delete selected" action list the fact-checks that hold
    the rows (``on_delete=PROTECT``); a deletion that still meets one (a race with a
    publication) is refused with a message.
    """

    delete_confirmation_template = "admin/delete_protected_confirmation.html"
    delete_selected_confirmation_template = (
        "admin/delete_selected_protected_confirmation.html"
    )

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms, protected = super().get_deleted_objects(objs, request)
        if protected:
            protected = holders(objs)
        return deleted, counts, perms, protected

    def _refuse(self, request, error: ProtectedError):
        messages.error(
            request,
            _("Not deleted: still used by %(holders)s.")
            % {"holders": "; ".join(_notes(error.protected_objects))},
        )
        return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ProtectedError as error:
            return self._refuse(request, error)

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except ProtectedError as error:
            return self._refuse(request, error)


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


class AliasInline(
    LabelledInlineMixin,
    TextInputAdminMixin,
    OptimisticLockInlineMixin,
    admin.TabularInline,
):
    model = Alias
    extra = 1


@admin.register(Entity)
class EntityAdmin(
    LargeTableAdminMixin,
    TextInputAdminMixin,
    OptimisticLockAdminMixin,
    ProtectedDeleteAdminMixin,
    CreatedByAdminMixin,
    SimpleHistoryAdmin,
):
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
class AliasAdmin(
    LargeTableAdminMixin,
    TextInputAdminMixin,
    OptimisticLockAdminMixin,
    LoadedAutocompleteAdminMixin,
    SimpleHistoryAdmin,
):
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
