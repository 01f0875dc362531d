"""A persistent database connection that the server dropped is replaced, not a 500."""

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_terminate_backend is PostgreSQL's"
    ),
    # Outside a test transaction, so that requests end as in production; the flush
    # afterwards must restore the rows migrations made (the role groups).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def serve(path: str) -> str:
    """Run one request through the WSGI handler, as a server would (the test client
    skips the request_started/finished hooks that recycle connections)."""
    statuses = []
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    response.close()  # fires request_finished, as a server does
    return statuses[0]


@pytest.fixture
def persistent_connections(settings):
    """DB_CONN_MAX_AGE=60: the connection outlives each request."""
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    original = connection.settings_dict["CONN_MAX_AGE"]
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 60
    yield
    connection.settings_dict["CONN_MAX_AGE"] = original
    connection.close()


def terminate_backend(pid: int) -> None:
    """Drop the connection from the server's side, as a restart or failover would."""
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_the_request_after_a_dropped_connection_is_served(persistent_connections):
    assert serve("/") == "200 OK"
    assert connection.connection is not None, "the connection was not kept"
    terminate_backend(connection.connection.info.backend_pid)
    cache.clear()  # the home page must query the database again
    assert serve("/") == "200 OK"
