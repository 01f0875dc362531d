"""Invalidate the cached policy and team pages when what they show changes."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.cache import invalidate_tags
from articles.models import AuthorProfile
from policies.models import PolicyPage


@receiver(post_save, sender=PolicyPage, dispatch_uid="policypage_invalidate_save")
@receiver(post_delete, sender=PolicyPage, dispatch_uid="policypage_invalidate_delete")
def invalidate_policy_pages(sender, raw=False, **kwargs):
    if not raw:
        invalidate_tags(["policies", "team", "sitemap"])


@receiver(post_save, sender=AuthorProfile, dispatch_uid="author_invalidate_save")
@receiver(post_delete, sender=AuthorProfile, dispatch_uid="author_invalidate_delete")
@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="user_team_save")
def invalidate_team_pages(sender, raw=False, update_fields=None, **kwargs):
    """A bio, a slug or an author's name changed: the team pages show them (a
    sign-in, which saves only ``last_login``, changes nothing readers see)."""
    if not raw and set(update_fields or ()) != {"last_login"}:
        invalidate_tags(["team", "sitemap"])
