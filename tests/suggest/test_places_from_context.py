"""A town not in the lexicon is still a place when the text says so."""

import pytest

from suggest import lexicon
from suggest.candidates import find_new_entities


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Flooding closed the harbour road in Tralee on Monday.", "Tralee"),
        ("The ferry from Gabès was delayed by six hours.", "Gabès"),
        ("Tralee, Ireland — The harbour reopened on Monday.", "Tralee"),
    ],
)
def test_a_town_is_a_place_from_its_context(text, town):
    assert town not in lexicon.PLACES
    found = {(c.text, c.kind) for c in find_new_entities(text)}
    assert (town, "place") in found
