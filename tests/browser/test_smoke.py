import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_login_page_renders_in_chromium(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    assert page.locator("#id_username").is_visible()
