from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from entities.models import Alias, Entity, Mention


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1


@admin.register(Entity)
class EntityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "wikidata_id", "updated_at")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__name", "wikidata_id")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (AliasInline,)


@admin.register(Mention)
class MentionAdmin(SimpleHistoryAdmin):
    list_display = ("exact", "entity", "article", "state", "origin", "anchor_state")
    list_filter = ("state", "origin", "anchor_state", "entity__kind")
    search_fields = ("exact", "entity__name", "article__headline")
    autocomplete_fields = ("entity", "article")
