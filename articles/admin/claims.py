from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.admin.review import AttributionReviewAdminMixin
from articles.models import Citation, Claim, Quote


@admin.register(Quote)
class QuoteAdmin(AttributionReviewAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "article", "kind", "is_vague", "review_state")
    search_fields = ("exact", "speaker__name")
    autocomplete_fields = ("article", "speaker")


@admin.register(Claim)
class ClaimAdmin(AttributionReviewAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "article", "verdict", "state", "review_state")
    search_fields = ("statement",)
    autocomplete_fields = ("article", "claimant")


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ("title", "publisher", "claim", "stance")
    search_fields = ("title", "url")
    autocomplete_fields = ("claim",)
