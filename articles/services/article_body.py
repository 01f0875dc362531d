"""The one write path for an article's body: save it and re-anchor its spans.

Every place that edits a body calls ``update_article_body``: the article admin (its
change form and history revert, through ``TaggingAdminMixin.save_model``), the seed
loader when the shipped text changed (``services.seed``), services and tests. The old
body is read from the database under a row lock in the same transaction as the save,
so the new body and its spans' new offsets commit together and nothing (Tag page,
review queue, a publication's snapshot) can read a span at its old offsets in the
new text. Suggestions, which only add rows, are queued as a job by the caller
instead (``services.jobs``). Signals only invalidate caches.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import Article
from articles.services.anchoring import ReanchorReport, reanchor


def update_article_body(
    *, article: Article, body: str, user, save: Callable[[], None] | None = None
) -> ReanchorReport:
    """Replace ``article``'s body, re-anchor its spans, return what moved.

    ``save`` writes the row; by default the version is raised and the article
    saved. The admin passes its own save chain, which has already checked and
    raised the version (optimistic locking) and records the history user.
    """
    if not user.has_perm("articles.change_article"):
        raise PermissionDenied
    if not body.strip():
        raise ValidationError({"body": _("The body cannot be empty.")})
    with transaction.atomic():
        stored = (
            Article.objects.select_for_update()
            .values_list("body", flat=True)
            .get(pk=article.pk)
        )
        article.body = body
        if save is None:
            article.version += 1
            article.save()
        else:
            save()
        return reanchor(article=article, old_body=stored)
