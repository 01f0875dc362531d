"""Each person's choice of how to hear of each kind of event."""

from django.db import transaction

from articles.models import (
    Delivery,
    DeskEvent,
    NotificationPreference,
    default_delivery,
)


def current_preferences(user) -> dict[str, str]:
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list(
            "event", "delivery"
        )
    )
    return {
        event: chosen.get(event, default_delivery(event)) for event in DeskEvent.values
    }


def set_preferences(*, user, choices: dict[str, str]) -> None:
    """Store the user's choice for each event named in ``choices``."""
    with transaction.atomic():
        for event, delivery in choices.items():
            if event not in DeskEvent.values or delivery not in Delivery.values:
                raise ValueError(f"unknown event or delivery: {event}={delivery}")
            NotificationPreference.objects.update_or_create(
                user=user, event=event, defaults={"delivery": delivery}
            )
