from django.contrib import admin

from articles.models import AuthorProfile
from entities.admin_history import SimpleHistoryAdmin


@admin.register(AuthorProfile)
class AuthorProfileAdmin(SimpleHistoryAdmin):
    """Team pages: shown to readers while the author is credited on a published
    fact-check and their account has a real name."""

    list_display = ("__str__", "slug", "role", "updated_at")
    list_select_related = ("user",)
    search_fields = ("slug", "role", "bio", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)
    fields = ("user", "slug", "role", "bio")
