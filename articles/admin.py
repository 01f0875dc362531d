from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Article, Citation, Claim, Correction, FactCheck, Quote


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ("headline", "publication", "published_on", "language")
    search_fields = ("headline", "body")
    autocomplete_fields = ("publication",)


@admin.register(Quote)
class QuoteAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "article", "kind", "is_vague", "review_state")
    search_fields = ("exact", "speaker__name")
    autocomplete_fields = ("article", "speaker")


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "article", "verdict", "state", "review_state")
    search_fields = ("statement",)
    autocomplete_fields = ("article", "claimant")


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ("title", "publisher", "claim", "stance")
    search_fields = ("title", "url")
    autocomplete_fields = ("claim",)


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
