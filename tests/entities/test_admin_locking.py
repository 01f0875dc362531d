"""Optimistic locking on entities, aliases, mentions and corrections in the admin.

Two people with the same page open: the second, stale save is refused with a link to
the current version, and the first person's change stays.
"""

import pytest
from django.test import Client

from articles.models import Mention
from articles.services.suggestions import accept_all_mentions_of, reject_suggestion
from articles.services.workflow import add_correction
from common.bases import SuggestionState
from tests.articles.admin_helpers import CONFLICT, change_form_data, change_url
from tests.factories import AliasFactory, EntityFactory, MentionFactory, UserFactory
from tests.publishing import make_fact_check, publish

pytestmark = pytest.mark.django_db


def _refused(response, obj, name=None):
    name = name or obj._meta.verbose_name
    assert response.status_code == 200
    assert f"{CONFLICT} {name} since you opened it" in response.text
    assert f'href="{change_url(obj)}"' in response.text


@pytest.mark.parametrize(
    ("factory", "field", "first_value", "second_value"),
    [
        (EntityFactory, "description", "Mayor since 2021.", "Former mayor."),
        (AliasFactory, "name", "NCC", "N.C.C."),
        (
            MentionFactory,
            "suggestion_state",
            SuggestionState.REJECTED,
            SuggestionState.CONFIRMED,
        ),
    ],
)
def test_a_stale_save_is_refused_and_the_first_edit_stays(
    two_editors, factory, field, first_value, second_value
):
    obj = factory()
    first, second = two_editors
    page_one, page_two = first.get(change_url(obj)), second.get(change_url(obj))
    assert 'name="lock_version"' in page_one.text

    saved = first.post(
        change_url(obj), change_form_data(page_one, **{field: first_value})
    )
    refused = second.post(
        change_url(obj), change_form_data(page_two, **{field: second_value})
    )

    assert saved.status_code == 302
    _refused(refused, obj)
    obj.refresh_from_db()
    assert (getattr(obj, field), obj.version) == (first_value, 2)
    assert obj.history.count() == 2  # created, then the first save only


def test_a_mention_rejected_on_the_tag_page_is_not_confirmed_by_a_stale_form(
    client, editor
):
    """The finding: a stale mention form turned a rejected mention back."""
    mention = MentionFactory(suggestion_state=SuggestionState.SUGGESTED)
    client.force_login(editor)
    page = client.get(change_url(mention))
    reject_suggestion(item=mention, user=editor)

    response = client.post(
        change_url(mention),
        change_form_data(page, suggestion_state=SuggestionState.CONFIRMED),
    )

    _refused(response, mention)
    assert (
        Mention.objects.get(pk=mention.pk).suggestion_state == SuggestionState.REJECTED
    )


def test_a_stale_alias_row_on_the_entity_page_is_refused(two_editors):
    alias = AliasFactory(name="NCC")
    entity = alias.entity
    first, second = two_editors
    entity_page = first.get(change_url(entity))
    alias_page = second.get(change_url(alias))
    second.post(change_url(alias), change_form_data(alias_page, name="N.C.C."))

    data = change_form_data(entity_page, description="The city council.")
    data["aliases-0-name"] = "NorCC"
    response = first.post(change_url(entity), data)

    _refused(response, alias)
    alias.refresh_from_db()
    entity.refresh_from_db()
    assert (alias.name, alias.version) == ("N.C.C.", 2)
    assert entity.description == ""


def test_a_fresh_alias_row_on_the_entity_page_is_saved(client, editor):
    alias = AliasFactory(name="NCC")
    client.force_login(editor)
    data = change_form_data(client.get(change_url(alias.entity)))
    data["aliases-0-name"] = "N.C.C."

    assert client.post(change_url(alias.entity), data).status_code == 302
    alias.refresh_from_db()
    assert (alias.name, alias.version) == ("N.C.C.", 2)


def test_a_stale_mention_row_on_the_article_page_is_refused(two_editors, editor):
    mention = MentionFactory(suggestion_state=SuggestionState.SUGGESTED)
    article = mention.article
    first, _second = two_editors
    article_page = first.get(change_url(article))
    reject_suggestion(item=mention, user=editor)  # e.g. on the Tag page

    data = change_form_data(article_page, byline="By A. Writer")
    data["mentions-0-suggestion_state"] = SuggestionState.CONFIRMED
    response = first.post(change_url(article), data)

    _refused(response, mention)
    mention.refresh_from_db()
    article.refresh_from_db()
    assert mention.suggestion_state == SuggestionState.REJECTED
    assert article.byline != "By A. Writer"


def test_a_stale_correction_is_refused(publisher):
    fact_check = make_fact_check()
    publish(fact_check, user=publisher)
    correction = add_correction(fact_check=fact_check, user=publisher, text="First.")
    other = UserFactory(username="pub-two", groups=["Publisher"])
    first, second = Client(), Client()
    first.force_login(publisher)
    second.force_login(other)
    page_one = first.get(change_url(correction))
    page_two = second.get(change_url(correction))

    assert (
        first.post(
            change_url(correction), change_form_data(page_one, text="Fixed wording.")
        ).status_code
        == 302
    )
    refused = second.post(
        change_url(correction), change_form_data(page_two, text="Other wording.")
    )

    _refused(refused, correction)
    correction.refresh_from_db()
    assert (correction.text, correction.version) == ("Fixed wording.", 2)


def test_accept_all_on_the_tag_page_makes_an_open_mention_form_stale(client, editor):
    """A bulk decision raises each row's version: an older form cannot undo it."""
    mention = MentionFactory(suggestion_state=SuggestionState.SUGGESTED)
    client.force_login(editor)
    page = client.get(change_url(mention))
    accept_all_mentions_of(article=mention.article, entity=mention.entity, user=editor)

    response = client.post(
        change_url(mention),
        change_form_data(page, suggestion_state=SuggestionState.REJECTED),
    )

    _refused(response, mention)
    assert (
        Mention.objects.get(pk=mention.pk).suggestion_state == SuggestionState.CONFIRMED
    )
