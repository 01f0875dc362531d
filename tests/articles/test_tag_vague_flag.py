"""The Tag page marks the vague attributions the real engine finds."""

import re

import pytest
from django.urls import reverse

from articles.models import Quote
from articles.services.suggestions import suggest_for_article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BODY = (
    "The council will close the Old Mill bridge on Monday, officials said.\n\n"
    "A senior engineer, speaking on condition of anonymity, said the steel had "
    "corroded.\n\n"
    "“It was shaking all winter,” a man who lives nearby said.\n\n"
    "Mayor Ines Duarte said the repairs would cost 2 million euros."
)


def test_every_vague_attribution_is_stored_and_shown_as_vague(client, editor):
    article = ArticleFactory(body=BODY)
    suggest_for_article(article=article)
    quotes = {q.speaker_text: q.is_vague for q in Quote.objects.filter(article=article)}
    assert quotes == {
        "officials": True,
        "engineer": True,
        "man": True,
        "Ines Duarte": False,
    }
    client.force_login(editor)
    page = client.get(
        reverse("admin:articles_article_tag", args=[article.pk])
    ).content.decode()
    items = re.findall(r'<li data-ref="quote-\d+">(.*?)</li>', page, re.S)
    flagged = [item for item in items if 'class="badge-vague"' in item]
    assert len(items) == 4 and len(flagged) == 3
    assert all("Ines Duarte" not in item for item in flagged)
