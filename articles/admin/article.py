from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Article


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ("headline", "publication", "published_on", "language")
    search_fields = ("headline", "body")
    autocomplete_fields = ("publication",)
