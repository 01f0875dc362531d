"""Background jobs in the admin, read-only: each person sees the jobs they started,
superusers see every job. A job's page shows its progress (``static/js/job_status.js``
polls ``<id>/status/`` and reloads the page when the job ends) and its per-line report.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles.models import Job, JobState
from articles.services import jobs as service


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "kind",
        "state",
        "progress",
        "started_by",
        "created_at",
        "finished_at",
    )
    list_filter = ("state", "kind")
    list_select_related = ("started_by",)
    date_hierarchy = "created_at"
    fields = (
        "kind",
        "state",
        "started_by",
        "article",
        "progress",
        "created_at",
        "started_at",
        "finished_at",
        "attempts",
        "error",
        "task_id",
    )
    readonly_fields = fields
    actions = ("run_again",)
    view_on_site = False  # the job's "site" page is this admin page
    change_form_template = "admin/articles/job/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .visible_to(request.user)
            .select_related("started_by", "article")
        )

    # Anyone on the staff may look at the jobs they started; nobody edits a job.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        if not (request.user.is_active and request.user.is_staff):
            return False
        return (
            obj is None
            or request.user.is_superuser
            or (obj.started_by_id == request.user.pk)
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_run_again_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, obj):
        if not obj.total:
            return "—"
        return f"{obj.done} / {obj.total}"

    @admin.action(
        description=gettext_lazy("Run the selected failed jobs again"),
        permissions=["run_again"],
    )
    def run_again(self, request, queryset):
        failed = [job for job in queryset if job.state == JobState.FAILED]
        for job in failed:
            service.run_again(job=job, user=request.user)
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d job queued again.",
                    "%(count)d jobs queued again.",
                    len(failed),
                )
                % {"count": len(failed)},
                messages.SUCCESS,
            )
        if len(failed) < len(queryset):
            self.message_user(
                request, _("Only failed jobs can be run again."), messages.WARNING
            )

    # The job page ------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/status/",
                view(self.status_view),
                name="articles_job_status",
            ),
            *super().get_urls(),
        ]

    def _visible_job(self, request, object_id) -> Job:
        job = self.get_queryset(request).filter(pk=object_id).first()
        if job is None:
            raise Http404
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        return job

    def status_view(self, request, object_id):
        """The job's state and progress as JSON (what the page polls); with
        ``?items=1`` its per-line report too."""
        job = self._visible_job(request, object_id)
        return JsonResponse(job_status(job, items=request.GET.get("items") == "1"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        if job is not None:
            extra_context = {
                **(extra_context or {}),
                "job": job,
                "job_items": list(job.items.select_related("article")),
                "job_counts": service.outcome_counts(job),
                "status_url": reverse("admin:articles_job_status", args=[job.pk]),
            }
        return super().change_view(request, object_id, form_url, extra_context)


def job_status(job: Job, *, items: bool = False) -> dict:
    status = {
        "id": job.pk,
        "kind": job.kind,
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "finished": job.is_finished,
        "error": job.error,
        "counts": service.outcome_counts(job),
    }
    if items:
        status["items"] = [
            {
                "position": item.position,
                "source": item.source,
                "outcome": item.outcome,
                "message": item.message,
                "article": item.article_id,
            }
            for item in job.items.all()
        ]
    return status
