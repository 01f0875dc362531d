"""Login throttling: repeated wrong passwords lock a username at an address out."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

PASSWORD = "pass-word-123"
ATTACKER = "203.0.113.7"


@pytest.fixture
def victim(db):
    return UserFactory(username="victim")


def login(client, username, password, address=ATTACKER, **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def is_logged_in(client) -> bool:
    return bool(client.session.get("_auth_user_id"))


def fail(client, times, username="victim", address=ATTACKER, **extra):
    for _ in range(times):
        response = login(client, username, "wrong-guess", address, **extra)
    return response


def test_wrong_passwords_below_the_limit_just_show_the_form(client, victim, settings):
    response = fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert response.status_code == 200
    assert b"Please enter the correct username and password" in response.content


def test_the_nth_wrong_password_locks_out_with_our_page(client, victim, settings):
    response = fail(client, settings.AXES_FAILURE_LIMIT)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed logins" in page
    assert "Try again in 15 minutes" in page
    assert 'class="site-header' in page  # the site's own layout


def test_the_right_password_is_refused_during_the_lockout(client, victim, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)
    response = login(client, "victim", PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_another_user_or_another_address_is_unaffected(client, victim, settings):
    UserFactory(username="bystander")
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert login(client, "bystander", PASSWORD).status_code == 302
    client.logout()
    assert login(client, "victim", PASSWORD, address="198.51.100.2").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, victim, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)
    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    with time_machine.travel(later):
        assert login(client, "victim", PASSWORD).status_code == 302


def test_an_admin_unlocks_from_the_axes_admin(client, victim, superuser, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get(username="victim")
    admin_client = Client()
    admin_client.force_login(superuser)
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200 and b"victim" in changelist.content
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert login(client, "victim", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_behind_a_proxy_the_configured_header_names_the_client(
    client, victim, settings
):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    proxy = "10.0.0.5"
    # The attacker forges a left-most entry each time; the proxy appends the truth.
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = login(
            client,
            "victim",
            "wrong-guess",
            address=proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        )
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == ATTACKER
    # A colleague behind the same proxy logs in.
    other = login(
        client, "victim", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert other.status_code == 302


def test_without_the_setting_a_forwarded_header_is_ignored(client, victim, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = login(
            client, "victim", "wrong-guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        )
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == ATTACKER


def test_a_login_with_a_refused_next_lands_on_my_desk(client, victim):
    response = client.post(
        reverse("admin:login") + "?next=https://evil.example.org/",
        {
            "username": "victim",
            "password": PASSWORD,
            "next": "https://evil.example.org/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:desk_home")
    assert client.get(response["Location"]).status_code == 200
