"""The desk in the admin: the Assign form and the discussion under the change form,
and "assigned to me" / "overdue" filters on the changelists."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.desk.panel import panel_context


class AssignedToMeFilter(admin.SimpleListFilter):
    title = _("assignment")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Assigned to me")), ("overdue", _("Overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assignments__assignee=request.user).distinct()
        if self.value() == "overdue":
            return queryset.filter(
                assignments__due_on__lt=timezone.localdate()
            ).distinct()
        return queryset


class DeskAdminMixin:
    """Adds the desk panel's context to the change page (the template includes it)."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context = {**(extra_context or {}), **panel_context(request, obj)}
        return super().change_view(request, object_id, form_url, extra_context)


class RecheckDueFilter(admin.SimpleListFilter):
    """Time-sensitive claims whose re-check date has come (the desk's re-check
    queue), or those with a date still ahead."""

    title = _("re-check")
    parameter_name = "recheck"

    def lookups(self, request, model_admin):
        return [("due", _("Due for re-check")), ("later", _("Re-check later"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.due_for_recheck(today)
        if self.value() == "later":
            return queryset.filter(recheck_on__gt=today)
        return queryset
