"""Two publications naming one entity at once must not both mark a card latest."""

import threading

import pytest
from django.db import OperationalError, connection, connections, transaction

from articles.listing import refresh_latest_cards
from tests.factories import EntityFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks (SQLite locks the file)"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_refreshing_an_entitys_latest_card_locks_the_entity_until_commit():
    """While one publication refreshes an entity's latest card and has not committed,
    another cannot take the same entity: it waits, then sees the committed card."""
    entity = EntityFactory()
    refreshed, checked = threading.Event(), threading.Event()
    outcome = {}

    def publication():
        try:
            with transaction.atomic():
                refresh_latest_cards([entity.pk])
                refreshed.set()
                checked.wait(timeout=30)
        finally:
            connections.close_all()

    def other_publication():
        refreshed.wait(timeout=30)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id FROM entities_entity WHERE id = %s "
                    "FOR NO KEY UPDATE NOWAIT",
                    [entity.pk],
                )
                outcome["locked"] = False
        except OperationalError:
            outcome["locked"] = True
        finally:
            checked.set()
            connections.close_all()

    threads = [
        threading.Thread(target=publication),
        threading.Thread(target=other_publication),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcome == {"locked": True}
