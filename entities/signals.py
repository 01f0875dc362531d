"""Keep every process's registry matcher in step with the Entity and Alias tables."""

from django.db import transaction

from entities.matcher import bump_registry_version


def registry_changed(sender, **kwargs) -> None:
    # Bump now, so this process (and its open transaction) sees the change at once,
    # and again after commit, so another process cannot keep a matcher it rebuilt
    # from the rows as they were before the commit.
    bump_registry_version()
    transaction.on_commit(bump_registry_version)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from entities.models import Alias, Entity

    for model in (Entity, Alias):
        post_save.connect(registry_changed, sender=model, dispatch_uid=f"reg-{model}")
        post_delete.connect(
            registry_changed, sender=model, dispatch_uid=f"reg-del-{model}"
        )
