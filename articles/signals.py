"""Re-anchor an article's spans whenever a save changes its body; clear the public
page cache when a published row is deleted.

``post_init`` remembers the body each Article instance was loaded (or last saved)
with; ``post_save`` compares and calls ``reanchor``. This catches every save path —
the admin, the import service, services and the shell — without each caller having to
remember. (``QuerySet.update(body=…)`` sends no signals: use ``update_article_body``.)

Re-anchoring runs here, in the save's transaction, and not as a background job: the new
body and its spans' new offsets then commit together, so nothing (Tag page, review
queue, a publication's snapshot) can read a span at its old offsets in the new text.
Suggestions, which only add rows, are queued as a job instead (``services.jobs``).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from articles.models import Article, Correction, PublishedVersion

LOADED_BODY = "_loaded_body"


@receiver(post_init, sender=Article, dispatch_uid="article_remember_body")
def remember_body(sender, instance, **kwargs):
    # Read from __dict__: touching a deferred ``body`` would cost a query per row.
    setattr(instance, LOADED_BODY, instance.__dict__.get("body"))


@receiver(post_save, sender=Article, dispatch_uid="article_reanchor_on_body_change")
def reanchor_after_body_change(sender, instance, created, raw=False, **kwargs):
    old_body = getattr(instance, LOADED_BODY, None)
    setattr(instance, LOADED_BODY, instance.body)
    if created or raw or old_body is None or old_body == instance.body:
        return
    from articles.services.anchoring import reanchor

    instance._reanchor_report = reanchor(article=instance, old_body=old_body)


def _clear_public_cache_after_delete(sender, instance, **kwargs):
    """Deleting a published row (a correction, a fact-check with its versions) must
    not leave its cached pages up: clear them once the deletion is committed."""
    from articles.cache import clear_public_cache

    transaction.on_commit(clear_public_cache)


for _model in (Correction, PublishedVersion):
    post_delete.connect(
        _clear_public_cache_after_delete,
        sender=_model,
        dispatch_uid=f"clear_public_cache_after_{_model._meta.model_name}_delete",
    )
