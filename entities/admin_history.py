"""django-simple-history's admin, with its revert form guarded by the change permission.

The library shows an old version's form to anyone who may view the row, and saves it
on POST without asking whether they may change the row: a view-only role could roll
any article or entity back. Every history admin in the project uses this class.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from simple_history.admin import SimpleHistoryAdmin as LibrarySimpleHistoryAdmin


class SimpleHistoryAdmin(LibrarySimpleHistoryAdmin):
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = get_object_or_404(self.model._default_manager, pk=object_id)
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )
