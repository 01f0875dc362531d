"""Record who does what in the history, as a request through the admin would."""

from contextlib import contextmanager
from types import SimpleNamespace

from simple_history.models import HistoricalRecords


@contextmanager
def acting_as(user):
    """Saves inside the block record ``user`` as their author in the history.

    simple_history's middleware does the same for every request: it exposes the
    request, whose user the history rows (and the attribution-reset rule) then name.
    With ``user=None`` nothing is recorded, like a shell or an import command.
    """
    if user is None:
        yield
        return
    previous = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is None:
            del HistoricalRecords.context.request
        else:
            HistoricalRecords.context.request = previous
