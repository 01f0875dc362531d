"""A worst-case article for the admin's size limits, built fast with bulk_create.

``build_long_article()`` stores an article whose body is exactly
``settings.ARTICLE_BODY_MAX_CHARS`` long (200,000 characters by default), with
5,000 entity mentions (a fifth of them pending suggestions), quotes, claims (some
pending, some checked) and a fact-check covering the claims. Used by the admin page
size tests and by ``bench/admin_pages.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from articles.models import Article, Claim, FactCheck, FactCheckClaim, Mention, Quote
from common.bases import SuggestionState
from common.spans import context_around
from entities.models import Entity, EntityKind

NAMES = (
    "Northbridge",
    "Ana Lopez",
    "Harbour Trust",
    "Eastfield",
    "Marco Diaz",
    "River Authority",
    "Westgate",
    "Lena Novak",
    "Civic Forum",
    "Southport",
)


@dataclass
class LongArticle:
    article: Article
    fact_check: FactCheck
    entities: list[Entity]


def _sentences():
    """Yield (text, [(offset in text, name)]) sentences that name two entities."""
    number = 0
    while True:
        first, second = NAMES[number % len(NAMES)], NAMES[(number * 3 + 1) % len(NAMES)]
        head = f"{first} met {second}"
        yield (
            f"{head} on day {number}. ",
            [(0, first), (len(first) + 5, second)],
        )
        number += 1


def long_body(length: int) -> tuple[str, list[tuple[int, int, str]]]:
    """A body of exactly ``length`` characters and the spans of its names."""
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    offset = 0
    for index, (text, names) in enumerate(_sentences()):
        if index and index % 12 == 0:
            parts.append("\n\n")
            offset += 2
        if offset + len(text) > length:
            break
        spans.extend((offset + at, offset + at + len(name), name) for at, name in names)
        parts.append(text)
        offset += len(text)
    parts.append("x" * (length - offset))
    return "".join(parts), spans


def build_long_article(
    *,
    length: int | None = None,
    mentions: int = 5_000,
    quotes: int = 40,
    claims: int = 60,
    user=None,
) -> LongArticle:
    length = length or settings.ARTICLE_BODY_MAX_CHARS
    body, spans = long_body(length)
    publication = Entity.objects.create(
        name="The Long Gazette", kind=EntityKind.PUBLICATION
    )
    entities = {
        name: Entity.objects.create(name=name, kind=EntityKind.PLACE) for name in NAMES
    }
    article = Article.objects.create(
        headline="A very long article",
        body=body,
        publication=publication,
        original_url="https://news.example.org/very-long",
        created_by=user,
    )

    def span_fields(start: int, end: int) -> dict:
        prefix, suffix = context_around(body, start, end)
        return {
            "start": start,
            "end": end,
            "exact": body[start:end],
            "prefix": prefix,
            "suffix": suffix,
        }

    Mention.objects.bulk_create(
        Mention(
            article=article,
            entity=entities[name],
            suggestion_state=(
                SuggestionState.SUGGESTED if i % 5 == 0 else SuggestionState.CONFIRMED
            ),
            **span_fields(start, end),
        )
        for i, (start, end, name) in enumerate(spans[:mentions])
    )
    # Quotes and claims cover whole sentences further into the text.
    sentence_starts = [0] + [
        i + 2 for i in range(len(body) - 2) if body[i : i + 2] == ". "
    ][: quotes + claims + 10]
    quote_rows, claim_rows = [], []
    for i in range(quotes):
        start = sentence_starts[i]
        end = body.index(".", start) + 1
        quote_rows.append(
            Quote(
                article=article,
                speaker=entities[NAMES[i % len(NAMES)]],
                suggestion_state=SuggestionState.SUGGESTED
                if i % 2
                else SuggestionState.CONFIRMED,
                **span_fields(start, end),
            )
        )
    for i in range(claims):
        start = sentence_starts[quotes + i]
        end = body.index(".", start) + 1
        claim_rows.append(
            Claim(
                article=article,
                statement=f"Claim number {i} about the meeting.",
                slug=f"claim-number-{i}",
                speaker=entities[NAMES[i % len(NAMES)]],
                suggestion_state=(
                    SuggestionState.SUGGESTED if i % 2 else SuggestionState.CONFIRMED
                ),
                **span_fields(start, end),
            )
        )
    Quote.objects.bulk_create(quote_rows)
    Claim.objects.bulk_create(claim_rows)
    fact_check = FactCheck.objects.create(
        article=article,
        title="Fact-check of the very long article",
        slug="fact-check-very-long",
        summary="Checked claim by claim.",
    )
    FactCheckClaim.objects.bulk_create(
        FactCheckClaim(fact_check=fact_check, claim=claim, position=position)
        for position, claim in enumerate(
            Claim.objects.filter(article=article).order_by("pk")
        )
    )
    for edit in range(1, 4):  # a history of whole-body versions
        article.headline = f"A very long article (edit {edit})"
        article.save()
    return LongArticle(article, fact_check, list(entities.values()))
