import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    return UserFactory(username="root-admin", is_superuser=True)


@pytest.fixture
def editor(db):
    return UserFactory(username="ed", groups=["Editor"])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rev", groups=["Reviewer"])


@pytest.fixture
def publisher(db):
    return UserFactory(username="pub", groups=["Publisher"])


@pytest.fixture
def two_editors(editor):
    """Two logged-in editors' browsers: the optimistic-locking tests' setting."""
    other = UserFactory(username="ed-two", groups=["Editor"])
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(other)
    return first, second


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: cached public pages, the registry
    version and the like never leak from one test into another.

    The footer's policy links are known, as on a running site (policies.links): a
    test database starts with no policy page written. A test that writes one and
    then reads a page runs the commit's invalidation, as for any cached page."""
    from policies.links import remember_written

    cache.clear()
    remember_written(())
    yield
    cache.clear()
