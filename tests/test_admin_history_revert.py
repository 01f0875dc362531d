"""The history "revert" form writes: only users who may change the row may post it.

django-simple-history shows an old version's form to anyone who may view the row and,
on POST, saves it without asking for the change permission; a Reviewer or Publisher
(view-only on articles and the registry) could roll any article or entity back.
"""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin as LibraryHistoryAdmin

from tests.articles.admin_helpers import change_form_data, change_url
from tests.factories import ArticleFactory, EntityFactory

pytestmark = pytest.mark.django_db


def edited(obj, client, field, value):
    page = client.get(change_url(obj))
    response = client.post(change_url(obj), change_form_data(page, **{field: value}))
    assert response.status_code == 302
    obj.refresh_from_db()
    return obj


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: ArticleFactory(headline="First"), "headline"),
        (lambda: EntityFactory(name="First"), "name"),
    ],
)
@pytest.mark.parametrize("role", ["reviewer", "publisher"])
def test_a_view_only_user_cannot_revert_from_history(
    client, editor, request, make, field, role
):
    client.force_login(editor)
    obj = edited(make(), client, field, "Second")
    opts = obj._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, obj.history.earliest().history_id],
    )
    client.force_login(request.getfixturevalue(role))
    page = client.get(url)
    assert page.status_code == 200  # looking at an old version is allowed
    response = client.post(url, change_form_data(page))
    assert response.status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, field) == "Second"


def test_an_editor_still_reverts_from_history(client, editor):
    client.force_login(editor)
    entity = edited(EntityFactory(name="First"), client, "name", "Second")
    url = reverse(
        "admin:entities_entity_simple_history",
        args=[entity.pk, entity.history.earliest().history_id],
    )
    response = client.post(url, change_form_data(client.get(url)))
    assert response.status_code == 302
    entity.refresh_from_db()
    assert entity.name == "First"


def test_every_history_admin_checks_the_change_permission_on_post():
    from entities.admin_history import SimpleHistoryAdmin

    unguarded = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, LibraryHistoryAdmin)
        and not isinstance(model_admin, SimpleHistoryAdmin)
    ]
    assert not unguarded
