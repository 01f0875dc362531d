"""An admin search of many words stays one cheap query: each word over an entity's
aliases is one more join, and forty of them kept PostgreSQL planning for minutes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entities.admin_scale import MAX_SEARCH_TERMS, bounded_search_term
from tests.factories import AliasFactory, EntityFactory

pytestmark = pytest.mark.django_db


def test_a_long_search_keeps_its_first_words_without_control_characters():
    words = " ".join(f"word{n}" for n in range(40))
    assert bounded_search_term(words).split() == [f"word{n}" for n in range(8)]
    assert bounded_search_term('"Ana Lopez" mayor\x00x') == '"Ana Lopez" mayor x'
    assert bounded_search_term(None) == ""


def test_a_forty_word_entity_search_joins_the_aliases_a_bounded_number_of_times(
    client, superuser
):
    entity = EntityFactory(name="Northbridge Council")
    AliasFactory(entity=entity, name="the council")
    client.force_login(superuser)
    url = reverse("admin:entities_entity_changelist")
    words = "council " + " ".join(f"term{n}" for n in range(39))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"q": words})
    assert response.status_code == 200
    joins = max(query["sql"].count('JOIN "entities_alias"') for query in queries)
    assert 0 < joins <= MAX_SEARCH_TERMS
    found = client.get(url, {"q": "council"})
    assert "Northbridge Council" in found.content.decode()
