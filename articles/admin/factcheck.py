from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Correction, FactCheck


@admin.register(FactCheck)
class FactCheckAdmin(SimpleHistoryAdmin):
    list_display = ("title", "article", "state", "updated_at")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("article",)


@admin.register(Correction)
class CorrectionAdmin(SimpleHistoryAdmin):
    list_display = ("fact_check", "published_at")
    autocomplete_fields = ("fact_check",)
