"""Attribution review in the admin: state column and filter, review fields, history.

Reviews themselves happen in the review queue (/review/); the admin only shows them.
"""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.models import review_reset
from articles.review.history import review_history
from articles.review.queue import kind_of

# Shown read-only: the review, who changed the attribution, the review history.
READONLY_REVIEW_FIELDS = (*review_reset.RESET_FIELDS, "review_history_display")


class AttributionReviewAdminMixin:
    """Mixed into QuoteAdmin and ClaimAdmin before SimpleHistoryAdmin."""

    def get_list_filter(self, request):
        filters = tuple(super().get_list_filter(request))
        return filters if "review_state" in filters else (*filters, "review_state")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return (*fields, *(f for f in READONLY_REVIEW_FIELDS if f not in fields))

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if not self.fieldsets:  # the default fieldset lists every field already
            return fieldsets
        shown = set(flatten_fieldsets(fieldsets))
        missing = tuple(f for f in READONLY_REVIEW_FIELDS if f not in shown)
        if missing:
            fieldsets.append((_("Attribution review"), {"fields": missing}))
        return fieldsets

    @admin.display(description=_("review history"))
    def review_history_display(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        entries = review_history(obj)[:10]
        link = format_html(
            '<a href="{}">{}</a>',
            reverse("articles:review_item", args=[kind_of(obj), obj.pk]),
            _("Open in the review queue"),
        )
        if not entries:
            return link
        rows = format_html_join(
            "",
            "<li>{} — {} — {}{}</li>",
            (
                (
                    f"{entry.at:%Y-%m-%d %H:%M}",
                    entry.user.get_username() if entry.user else "—",
                    entry.state_label,
                    f": {entry.reason}" if entry.reason else "",
                )
                for entry in entries
            ),
        )
        return format_html("<ul>{}</ul>{}", rows, link)
