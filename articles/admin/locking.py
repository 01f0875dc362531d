"""Moved to ``entities.locking`` (one mechanism for both apps); kept for old imports."""

from entities.locking import (  # noqa: F401
    OptimisticLockAdminMixin,
    OptimisticLockFormMixin,
    OptimisticLockInlineMixin,
    StaleEditError,
    conflict_message,
)
