"""Inline rows in the admin name their inputs (screen readers announce each one),
and the admin pages load the script and styles that name widgets and underline
links in text."""

import re

import pytest
from django.urls import reverse

from tests.factories import MentionFactory

pytestmark = pytest.mark.django_db


def test_inline_row_inputs_carry_their_labels(client, superuser):
    mention = MentionFactory()
    client.force_login(superuser)
    body = client.get(
        reverse("admin:articles_article_change", args=[mention.article_id])
    ).content.decode()
    for name in ("entity", "exact", "occurrence", "suggestion_state", "DELETE"):
        tag = re.search(rf'<[^>]*id="id_mentions-0-{name}"[^>]*>', body).group()
        assert re.search(r'aria-label="[^"]+"', tag), tag
    assert "js/admin_a11y" in body and "css/admin_a11y" in body
