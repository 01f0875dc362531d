"""Headless Chromium (Debian's /usr/bin/chromium) driven by Python Playwright.

Browser tests are skipped when Chromium is missing on a developer's machine, and fail
in CI (CI=true), where .ci/run installs it.
"""

import os
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; Django must allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def role_groups(request):
    """Recreate the role groups that a transactional test's flush removed.

    The groups come from a data migration; a flush between transactional tests
    empties them, so the migration's own assignment runs again on the live registry.
    """
    if "transactional_db" in request.fixturenames or "live_server" in (
        request.fixturenames
    ):
        request.getfixturevalue("transactional_db")
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        migration = import_module("articles.migrations.0003_create_role_groups")
        migration.assign_group_permissions(apps)
        later = import_module(
            "articles.migrations.0008_publishers_no_longer_review_attributions"
        )
        later.take_review_from_publishers(apps)
        import_module(
            "articles.migrations.0032_mention_content_types_follow"
        ).grant_mention_rights(apps)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed at /usr/bin/chromium")
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def login(page, live_server, username, password="pass-word-123"):
    """Sign in through the admin login form (factories use this password)."""
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_load_state()


def wait_for_widget_names(page) -> None:
    """Wait until static/js/admin_a11y.js has named every autocomplete widget.

    Select2 draws its widgets after the load event and the script names them in the
    next animation frame, so a scan right after navigation can see a widget a
    screen-reader user never meets unnamed. A widget that stays unnamed times out.
    """
    page.wait_for_function(
        """() => [...document.querySelectorAll("select.admin-autocomplete")]
            .map((select) => select.nextElementSibling)
            .filter((widget) => widget && widget.classList.contains("select2"))
            .every((widget) => [...widget.querySelectorAll(".select2-selection")]
                .every((node) => node.getAttribute("aria-label")))""",
        timeout=10_000,
    )


def serious_violations(page) -> list[dict]:
    """Run axe-core on the page; return violations of serious or critical impact."""
    from axe_playwright_python.sync_playwright import Axe

    wait_for_widget_names(page)
    results = Axe().run(page)
    return [
        violation
        for violation in results.response["violations"]
        if violation.get("impact") in {"serious", "critical"}
    ]
