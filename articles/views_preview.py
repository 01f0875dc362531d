"""Staff preview of a fact-check's public page, before (re)publication."""

from __future__ import annotations

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from articles.models import FactCheck, PublishedVersion
from articles.rendering import factcheck_context
from articles.snapshot import take_snapshot


class _DiscardPreview(Exception):
    """Raised to roll back the snapshot written only to be looked at."""


def preview_version(fact_check: FactCheck, *, user) -> PublishedVersion:
    """The version ``publish()`` would create now, built the same way but not kept.

    ``take_snapshot`` writes rows; doing it in a savepoint that is rolled back gives
    exactly the data a reader would get, with nothing stored.
    """
    last = fact_check.versions.aggregate(last=Max("number"))["last"] or 0
    version = None
    try:
        with transaction.atomic():
            version = take_snapshot(
                fact_check=fact_check,
                number=last + 1,
                published_at=timezone.now(),
                published_by=user,
            )
            raise _DiscardPreview
    except _DiscardPreview:
        pass
    version.pk = None
    version.is_preview = True
    return version


@never_cache
@staff_member_required
@permission_required("articles.view_factcheck", raise_exception=True)
def factcheck_preview(request, pk: int):
    """The public fact-check page, rendered from the draft as publishing would."""
    fact_check = get_object_or_404(FactCheck.objects.select_related("article"), pk=pk)
    version = preview_version(fact_check, user=request.user)
    corrections = list(fact_check.corrections.order_by("published_at"))
    context = factcheck_context(version, corrections)
    context["draft"] = fact_check
    return render(request, "articles/factcheck_preview.html", context)
