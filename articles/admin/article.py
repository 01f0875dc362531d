from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.admin.tagging import TaggingAdminMixin
from articles.models import Article


@admin.register(Article)
class ArticleAdmin(TaggingAdminMixin, SimpleHistoryAdmin):
    list_display = ("headline", "publication", "published_on", "language")
    search_fields = ("headline", "body")
    autocomplete_fields = ("publication",)
