import pytest
from django.core.exceptions import ValidationError

from common.spans import occurrence_number
from tests.factories import ArticleFactory, MentionFactory

pytestmark = pytest.mark.django_db


def test_span_from_text_stores_offsets_and_context():
    mention = MentionFactory(text="Northbridge", occurrence=2)
    body = mention.article.body
    assert body[mention.start : mention.end] == "Northbridge"
    assert mention.start == body.find("Northbridge", body.find("Northbridge") + 1)
    assert mention.suffix == body[mention.end : mention.end + 32]
    assert mention.suffix  # the second Northbridge is not at the end of the body
    assert mention.prefix == body[max(0, mention.start - 32) : mention.start]


def test_text_not_in_body_is_refused_with_a_clear_message():
    article = ArticleFactory()
    with pytest.raises(ValidationError) as error:
        MentionFactory(article=article, text="Southbridge")
    assert "does not appear" in str(error.value)


def test_occurrence_past_the_last_is_refused():
    with pytest.raises(ValidationError) as error:
        MentionFactory(text="Northbridge", occurrence=9)
    assert "there is no occurrence 9" in str(error.value)


def test_stored_text_must_equal_the_body_at_its_offsets():
    mention = MentionFactory(text="Northbridge")
    mention.exact = "Southbridge"
    with pytest.raises(ValidationError) as error:
        mention.full_clean()
    assert "does not match" in str(error.value)


def test_span_past_the_end_of_the_body_is_refused():
    mention = MentionFactory(text="Northbridge")
    mention.start, mention.end = (
        len(mention.article.body) + 1,
        len(mention.article.body) + 5,
    )
    with pytest.raises(ValidationError) as error:
        mention.full_clean()
    assert "past the end" in str(error.value)


def test_occurrence_number_counts_the_span_itself():
    body = "one two one two one"
    assert occurrence_number(body, "one", 0) == 1
    assert occurrence_number(body, "one", 8) == 2
    assert occurrence_number(body, "one", 16) == 3
    assert occurrence_number(body, "", 3) == 0
