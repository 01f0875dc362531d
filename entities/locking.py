"""Optimistic locking for admin edits of versioned rows (``VersionedModel``).

One mechanism for every editable model of both apps (entities, and articles built on
it), so it lives in the base app.

The change form carries the ``version`` it was opened at in a hidden field. Saving
checks it against the row (locked for the rest of the admin's transaction) and
refuses a stale form with a message and a link to the current version; otherwise the
version goes up by one with ``UPDATE … WHERE pk = … AND version = …``, so two saves
racing past the check still cannot both win.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import models
from django.db.models import F
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LOCK_FIELD = "lock_version"


class VersionedModel(models.Model):
    """Optimistic locking: every save through a form must carry the version it read.

    Services that change a row outside a form raise ``version`` too, so a form opened
    before that change is refused instead of silently undoing it.
    """

    version = models.PositiveIntegerField(
        gettext_lazy("version"),
        default=1,
        editable=False,
        help_text=gettext_lazy("Raised by one on every save; a stale form is refused."),
    )

    class Meta:
        abstract = True


class StaleEditError(Exception):
    """The row changed between the form's check and its save."""


def _change_url(instance) -> str:
    opts = instance._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk]
    )


def conflict_message(instance):
    return format_html(
        _(
            "Someone else changed this {name} since you opened it, so your changes "
            'were not saved. <a href="{url}">Open the current version</a> '
            "(it opens fresh) and make your changes again."
        ),
        name=instance._meta.verbose_name,
        url=_change_url(instance),
    )


class OptimisticLockFormMixin(forms.ModelForm):
    """Adds the hidden version field and refuses a form opened on an older version."""

    lock_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            # The main form reads the row, not the instance: a history "revert" form
            # is built on an old copy whose version is long gone. Inline rows come
            # fresh from their queryset.
            self.initial[LOCK_FIELD] = (
                self.instance.version
                if self.lock_only_if_changed
                else self._stored_version()
            )

    def _stored_version(self, *, lock: bool = False) -> int | None:
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    # Inline rows are saved only when changed, so only a changed row is checked.
    lock_only_if_changed = False

    @cached_property
    def changed_data(self):
        """What the user changed: the version read back is not a change (on a POST
        its field has no initial value, so it would count as one and make every
        untouched inline row look edited)."""
        return [name for name in super().changed_data if name != LOCK_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        if instance.pk is None or (
            self.lock_only_if_changed and not self.has_changed()
        ):
            return cleaned_data
        read = cleaned_data.get(LOCK_FIELD)
        # Locked until the admin's transaction ends, so no one slips in before save.
        current = self._stored_version(lock=True)
        if read is None or read != current:
            raise forms.ValidationError(conflict_message(instance), code="stale")
        instance.version = current + 1
        return cleaned_data


def _locking_form(base, **attrs):
    if issubclass(base, OptimisticLockFormMixin):
        return base
    return type(f"Locking{base.__name__}", (OptimisticLockFormMixin, base), attrs)


def _with_lock_field(fieldsets):
    """The fieldsets with the hidden version field added to the first one."""
    names = {
        name
        for _name, options in fieldsets
        for line in options.get("fields", ())
        for name in (line if isinstance(line, list | tuple) else [line])
    }
    if LOCK_FIELD in names or not fieldsets:
        return fieldsets
    title, options = fieldsets[0]
    first = (title, {**options, "fields": [*options["fields"], LOCK_FIELD]})
    return [first, *fieldsets[1:]]


class OptimisticLockAdminMixin:
    """ModelAdmin mixin: put it first in the bases of the admin of a versioned model."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = _locking_form(kwargs.get("form", self.form))
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj is None else _with_lock_field(fieldsets)

    def save_model(self, request, obj, form, change):
        if change:
            read = form.cleaned_data.get(LOCK_FIELD)
            bumped = (
                type(obj)
                ._default_manager.filter(pk=obj.pk, version=read)
                .update(version=F("version") + 1)
            )
            if not bumped:
                raise StaleEditError
            obj.version = read + 1
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEditError:
            # The admin's transaction was rolled back: nothing of this save was kept.
            obj = self.get_object(request, object_id)
            messages.error(request, conflict_message(obj))
            return HttpResponseRedirect(request.get_full_path())


class OptimisticLockInlineMixin:
    """InlineModelAdmin mixin for versioned rows edited inline (claims on an article).

    A changed row opened at an older version refuses the whole save with the same
    message on that row; unchanged rows are not saved, so they are not checked.
    """

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = _locking_form(
            kwargs.get("form", self.form), lock_only_if_changed=True
        )
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return _with_lock_field(super().get_fieldsets(request, obj))
