"""The desk under concurrency: an item or a person deleted while a form was open,
two people assigning one item at the same moment. A clear refusal or a clean
outcome, never a database error (a 500).

These tests commit (``transaction=True``): a foreign key to a deleted row fails
only at commit. They act as superusers, since a committed test's flush also
empties the role groups the migrations made.
"""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from articles.desk.assignments import assign
from articles.desk.comments import post_comment
from articles.models import Assignment, Comment
from tests.factories import ClaimFactory, FactCheckFactory, QuoteFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def boss(name="boss"):
    return UserFactory(username=name, is_superuser=True)


def deleted(item):
    type(item).objects.filter(pk=item.pk).delete()
    return item  # the page's copy, still in hand


@pytest.mark.parametrize("factory", [ClaimFactory, FactCheckFactory, QuoteFactory])
def test_an_item_deleted_meanwhile_is_refused_clearly(factory):
    user = boss()
    item = deleted(factory())
    with pytest.raises(ValidationError, match="deleted"):
        assign(item=item, assignee=user, user=user)
    with pytest.raises(ValidationError, match="deleted"):
        post_comment(item=item, user=user, text="Still there?")
    assert not Assignment.objects.exists() and not Comment.objects.exists()


def test_an_assignee_deleted_meanwhile_is_refused_clearly():
    user, gone = boss(), boss("gone")
    get_user_model().objects.filter(pk=gone.pk).delete()
    with pytest.raises(ValidationError, match="gone"):
        assign(item=ClaimFactory(), assignee=gone, user=user)
    assert not Assignment.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks (SQLite locks the file)"
)
def test_two_people_assigning_one_item_at_once_both_succeed_in_turn():
    """The second waits for the first to commit, then reassigns: no duplicate-key
    error for the one who clicked a moment later."""
    first_user, second_user = boss("first"), boss("second")
    claim = ClaimFactory()
    assigned = threading.Event()
    errors = []

    def first():
        try:
            with transaction.atomic():
                assign(item=claim, assignee=first_user, user=first_user)
                assigned.set()
                time.sleep(0.5)  # the second arrives before this commits
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    def second():
        assigned.wait(timeout=30)
        try:
            assign(item=claim, assignee=second_user, user=second_user)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert [a.assignee for a in Assignment.objects.all()] == [second_user]
