"""Autocomplete selects in inlines that label their chosen objects in one query.

Django's ``AutocompleteSelect`` looks up the chosen object of every form on its own:
the seed article's change page, with ~50 mention, quote and claim rows, ran one
entity query per row. ``LoadedAutocompleteFormSetMixin`` loads the chosen objects of
all its forms at once and hands them to each form's ``LoadedAutocompleteSelect``.
"""

from __future__ import annotations

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple

from entities.ids import parse_id


def _inner(widget):
    """The widget inside the admin's RelatedFieldWidgetWrapper, if wrapped."""
    return getattr(widget, "widget", widget)


class LoadedAutocompleteSelect(AutocompleteSelect):
    """Uses ``loaded`` ({str(pk): object}) for the chosen option when it is set.

    With ``loaded`` set, a value missing from it does not exist (or is not an id at
    all, from a forged form): it is shown as nothing chosen instead of a crash.
    Without it, the stock lookup runs on the values that are ids.
    """

    loaded: dict | None = None

    def optgroups(self, name, value, attr=None):
        if self.loaded is None:
            # The stock widget queries with the raw values: "abc" would be a 500.
            ids = [v for v in value if parse_id(v) is not None]
            return super().optgroups(name, ids, attr)
        chosen = [self.loaded[str(v)] for v in value if str(v) in self.loaded]
        if not self.allow_multiple_selected:
            chosen = chosen[:1]
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        selected = {str(obj.pk) for obj in chosen}
        label = self.choices.field.label_from_instance
        for obj in chosen:
            options.append(
                self.create_option(name, obj.pk, label(obj), selected, len(options))
            )
        return [(None, options, 0)]


class IdOnlyAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    """The stock multiple select, minus the crash on values that are not ids."""

    def optgroups(self, name, value, attr=None):
        ids = [v for v in value if parse_id(v) is not None]
        return super().optgroups(name, ids, attr)


class LoadedAutocompleteFormSetMixin:
    """For inline formsets: one query per autocomplete field instead of one per row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.base_fields.items():
            if not isinstance(_inner(field.widget), LoadedAutocompleteSelect):
                continue
            forms = [form for form in self.forms if name in form.fields]
            ids = {parse_id(form[name].value()) for form in forms} - {None}
            queryset = field.queryset.filter(pk__in=ids) if ids else []
            loaded = {str(obj.pk): obj for obj in queryset}
            for form in forms:
                _inner(form.fields[name].widget).loaded = loaded


class LoadedAutocompleteAdminMixin:
    """Admin (or inline) whose ``autocomplete_fields`` use ``LoadedAutocompleteSelect``.

    An inline's formset should include ``LoadedAutocompleteFormSetMixin``.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = LoadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = IdOnlyAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
