from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from entities.admin_history import SimpleHistoryAdmin
from policies.models import PolicyPage


@admin.register(PolicyPage)
class PolicyPageAdmin(SimpleHistoryAdmin):
    """Admins write the desk's policies here; every change is kept in the history."""

    list_display = ("title", "kind", "is_published", "updated_at", "public_page")
    list_filter = ("is_published", "kind")
    search_fields = ("title", "body")
    fields = ("kind", "title", "body", "is_published")

    @admin.display(description=_("address"))
    def public_page(self, obj):
        return obj.get_absolute_url()
