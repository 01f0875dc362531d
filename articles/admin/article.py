from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.admin.locking import OptimisticLockAdminMixin
from articles.models import Article


@admin.register(Article)
class ArticleAdmin(OptimisticLockAdminMixin, SimpleHistoryAdmin):
    list_display = ("headline", "publication", "published_on", "language")
    search_fields = ("headline", "body")
    autocomplete_fields = ("publication",)
