"""Invalidate the cached policy and team pages when what they show changes."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.cache import invalidate_tags
from articles.models import AuthorProfile
from policies.links import link_change_tags
from policies.models import PolicyPage


@receiver(post_save, sender=PolicyPage, dispatch_uid="policypage_invalidate_save")
@receiver(post_delete, sender=PolicyPage, dispatch_uid="policypage_invalidate_delete")
def invalidate_policy_pages(sender, instance, raw=False, **kwargs):
    """The policy pages; and every public page when the footer's links change (a
    page written, published, unticked or deleted)."""
    if raw:
        return
    linked_after = kwargs["signal"] is post_save and instance.is_published
    invalidate_tags(
        [
            "policies",
            "team",
            "sitemap",
            *link_change_tags(instance.kind, linked_after=linked_after),
        ]
    )


@receiver(post_save, sender=AuthorProfile, dispatch_uid="author_invalidate_save")
@receiver(post_delete, sender=AuthorProfile, dispatch_uid="author_invalidate_delete")
def invalidate_team_pages(sender, raw=False, **kwargs):
    """A bio, a slug or a role changed: the team pages show them."""
    if not raw:
        invalidate_tags(["team", "sitemap"])


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="user_team_save")
def invalidate_renamed_author(sender, instance, created, raw=False, **kwargs):
    """A team member's name comes from their account. A new account has no profile,
    and a sign-in saves only ``last_login``: neither changes a team page."""
    if raw or created or set(kwargs.get("update_fields") or ()) == {"last_login"}:
        return
    if AuthorProfile.objects.filter(user=instance).exists():
        invalidate_tags(["team", "sitemap"])
