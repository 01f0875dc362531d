"""Link health in the admin: the "sources broken" filter, the health column and the
read-only history of a citation's checks."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import SourceCheck, SourceHealth

HEALTH_CLASSES = {
    SourceHealth.OK: "health-ok",
    SourceHealth.DEAD: "health-broken",
    SourceHealth.MOVED: "health-broken",
    SourceHealth.CHANGED: "health-broken",
}


def health_badge(value: str) -> str:
    label = SourceHealth(value).label if value in SourceHealth.values else value
    return format_html(
        '<span class="source-health {}">{}</span>',
        HEALTH_CLASSES.get(value, "health-unknown"),
        label,
    )


class SourcesBrokenFilter(admin.SimpleListFilter):
    """Citations (or fact-checks with a citation) whose page was last found dead,
    moved or changed; ``lookup`` is the path from the listed model to a citation."""

    title = gettext_lazy("sources")
    parameter_name = "sources"
    lookup = ""

    def lookups(self, request, model_admin):
        return [
            ("broken", _("Sources broken")),
            ("unreachable", _("Unreachable at the last check")),
            ("unchecked", _("Not checked yet")),
        ]

    def queryset(self, request, queryset):
        field = f"{self.lookup}source_health"
        values = {
            "broken": SourceHealth.broken(),
            "unreachable": {SourceHealth.UNREACHABLE},
            "unchecked": {SourceHealth.UNCHECKED},
        }.get(self.value())
        if values is None:
            return queryset
        rows = queryset.filter(**{f"{field}__in": values})
        return rows.distinct() if self.lookup else rows


class FactCheckSourcesBrokenFilter(SourcesBrokenFilter):
    lookup = "claims__citations__"


class SourceCheckInline(admin.TabularInline):
    """Every check of the citation's page, newest first; nobody edits them."""

    model = SourceCheck
    fields = (
        "fetched_at",
        "health_label",
        "status_code",
        "final_url",
        "similarity",
        "title",
        "size",
        "error",
    )
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ("-fetched_at", "-pk")
    verbose_name = gettext_lazy("check of the page")
    verbose_name_plural = gettext_lazy("checks of the page (link health history)")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("text")

    # Whoever may see the citation sees its checks (no separate permission).
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_citation")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("health"))
    def health_label(self, obj):
        return health_badge(obj.health)


class SourceHealthAdminMixin:
    """The health column and the "check the pages now" action for citations."""

    @admin.display(description=gettext_lazy("source health"), ordering="source_health")
    def source_health_badge(self, obj):
        return health_badge(obj.source_health)

    @admin.action(
        description=gettext_lazy("Check the selected citations' pages now"),
        permissions=["change"],
    )
    def check_sources_now(self, request, queryset):
        from articles.tasks import check_source

        ids = list(queryset.values_list("pk", flat=True))
        for citation_id in ids:
            check_source.delay(citation_id)
        messages.success(
            request,
            _("%(count)d page check(s) queued: the health column shows the outcome.")
            % {"count": len(ids)},
        )
