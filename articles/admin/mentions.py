"""Admin of Mention (an entity named in an article), which lives in ``articles``."""

from django.contrib import admin

from articles.admin.changelists import LeanArticleChangeListMixin
from articles.forms import MentionForm
from articles.models import Mention
from entities.admin import (
    SpanAdminMixin,
    TextInputAdminMixin,
)
from entities.admin_history import SimpleHistoryAdmin
from entities.admin_scale import LargeTableAdminMixin
from entities.autocomplete import LoadedAutocompleteAdminMixin
from entities.locking import OptimisticLockAdminMixin


@admin.register(Mention)
class MentionAdmin(
    LargeTableAdminMixin,
    TextInputAdminMixin,
    OptimisticLockAdminMixin,
    LeanArticleChangeListMixin,
    LoadedAutocompleteAdminMixin,
    SpanAdminMixin,
    SimpleHistoryAdmin,
):
    form = MentionForm
    list_display = (
        "exact",
        "entity",
        "article",
        "start",
        "suggestion_state",
        "origin",
        "anchor_state",
    )
    list_filter = ("suggestion_state", "origin", "anchor_state", "entity__kind")
    list_select_related = ("entity", "article")
    # Newest first by primary key: the model's own ordering sorts by the article's
    # (a join and a sort of the whole table on every page of the list).
    ordering = ("-pk",)
    search_fields = ("exact", "entity__name", "article__headline")
    autocomplete_fields = ("entity", "article")
    fields = (
        "article",
        "entity",
        "exact",
        "occurrence",
        "context",
        "suggestion_state",
        "origin",
        "anchor_state",
    )
    readonly_fields = ("context", "anchor_state")
