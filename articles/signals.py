"""Invalidate the cached public pages when a published row is deleted, a correction
changes or an entity changes; queue the source check of a saved citation.

Signals are for cache invalidation and follow-up jobs only. Editing a body goes
through ``articles.services.article_body.update_article_body``, which re-anchors the
spans in the save's transaction and returns its report to the caller.
"""

from django.db.models.signals import (
    post_delete,
    post_init,
    post_save,
    pre_delete,
)
from django.dispatch import receiver

from articles import purge  # noqa: F401  (registers the CDN purge job)
from articles.invalidation import (
    invalidate_entity,
    invalidate_versions,
)
from articles.models import (
    Citation,
    Correction,
    CorrectionKind,
    PublishedVersion,
)
from articles.rendering import refresh_current_pages
from entities.models import Entity

LOADED_KIND = "_loaded_kind"
OLD_SLUG = "_cached_page_slug"


@receiver(pre_delete, sender=PublishedVersion, dispatch_uid="pubversion_invalidate")
def invalidate_deleted_version(sender, instance, **kwargs):
    """Deleting a published version (a fact-check with its versions, in the admin, the
    shell or a cascade) must not leave its cached pages up. Its tags are read before
    the rows go; the pages are invalidated once the deletion is committed."""
    invalidate_versions([instance])


@receiver(post_save, sender=Correction, dispatch_uid="correction_rerender_on_save")
@receiver(post_delete, sender=Correction, dispatch_uid="correction_rerender_on_delete")
def rerender_after_correction(sender, instance, raw=False, **kwargs):
    """The page's JSON-LD lists its corrections, and a retraction withdraws its
    ClaimReview: whoever adds, edits or deletes a note, the stored page follows."""
    if raw or not _deleting_only_corrections(kwargs.get("origin")):
        return
    kinds = {instance.kind, getattr(instance, LOADED_KIND, None)}
    refresh_current_pages(
        instance.fact_check_id,
        everywhere=CorrectionKind.RETRACTION in kinds,
    )
    setattr(instance, LOADED_KIND, instance.kind)


@receiver(post_init, sender=Correction, dispatch_uid="correction_remember_kind")
def remember_correction_kind(sender, instance, **kwargs):
    setattr(instance, LOADED_KIND, instance.__dict__.get("kind"))


def _deleting_only_corrections(origin) -> bool:
    """Not a cascade from deleting the fact-check (its pages go with it)."""
    if origin is None:  # a save
        return True
    model = getattr(origin, "model", type(origin))
    return model is Correction


@receiver(post_init, sender=Entity, dispatch_uid="entity_remember_slug")
def remember_entity_slug(sender, instance, **kwargs):
    setattr(instance, OLD_SLUG, instance.__dict__.get("slug"))


@receiver(post_save, sender=Entity, dispatch_uid="entity_invalidate_on_save")
def invalidate_saved_entity(sender, instance, created, raw=False, **kwargs):
    """An entity's page reads its row: a rename, a new description or slug shows
    within a second, on every host (and the claims index lists entities by name)."""
    if raw:
        return
    invalidate_entity([instance.slug, getattr(instance, OLD_SLUG, None)])
    setattr(instance, OLD_SLUG, instance.slug)


@receiver(post_delete, sender=Entity, dispatch_uid="entity_invalidate_on_delete")
def invalidate_deleted_entity(sender, instance, **kwargs):
    invalidate_entity([instance.slug])


@receiver(post_save, sender=Citation, dispatch_uid="citation_check_source")
def check_saved_citation_source(sender, instance, raw=False, **kwargs):
    """Every save path (admin inline, import, seed, shell) queues the page check; the
    job itself skips an address it has checked already."""
    if raw:
        return
    from articles.services.sources import queue_check

    queue_check(instance)
