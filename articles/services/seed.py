"""Load the seed article and its editorial record (``manage.py load_seed``).

Idempotent: every row is looked up by a natural key (slugs, the article's address, a
span's offsets, a claim's statement, a citation's address) and written only when it is
missing or differs, so a second run changes nothing and records no history. A changed
seed text reaches an existing article through ``update_article_body`` (re-anchored).
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from articles import seed_data
from articles.models import (
    Article,
    Citation,
    Claim,
    ClaimState,
    FactCheck,
    FactCheckClaim,
    Mention,
    Quote,
)
from articles.services.article_body import update_article_body
from common.spans import find_occurrence
from entities.models import Alias, Entity

SEED_AUTHOR = "editor"


@dataclass(frozen=True)
class SeedReport:
    article: Article
    fact_check: FactCheck
    entities: int
    mentions: int
    quotes: int
    claims: int
    citations: int


def find_names(body: str, names: dict[str, str]) -> list[tuple[int, int, str]]:
    """Return (start, end, key) for every whole-word occurrence of each name.

    ``names`` maps a name or alias to its entity key. Matching is case-sensitive;
    a name inside a longer matched name ("China" in "China Manned Space Agency") is
    skipped, and a possessive ending stays outside the span.
    """
    found = []
    for name, key in names.items():
        pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
        found += [(m.start(), m.end(), key) for m in re.finditer(pattern, body)]
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    kept: list[tuple[int, int, str]] = []
    for start, end, key in found:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, key))
    return kept


def upsert(
    model: type[models.Model],
    lookup: dict,
    values: dict,
    *,
    fill: dict | None = None,
    by=None,
) -> models.Model:
    """Get the row matching ``lookup`` (or a new one); save it if ``values`` differ.

    ``fill`` holds foreign keys (such as created_by) set only while they are empty.
    ``by`` is recorded in the history as the user who wrote the row: the four-eyes
    rules read who wrote verdicts and citations from there.
    """
    obj = model._default_manager.filter(**lookup).first() or model(**lookup)
    changed = obj.pk is None
    for field, value in values.items():
        if changed or getattr(obj, field) != value:
            setattr(obj, field, value)
            changed = True
    for field, value in (fill or {}).items():
        if value is not None and getattr(obj, f"{field}_id") is None:
            setattr(obj, field, value)
            changed = True
    if changed:
        obj.full_clean()
        if by is not None:
            obj._history_user = by
        obj.save()
    return obj


def span_values(body: str, text: str, occurrence: int = 1) -> dict:
    """Offsets, text and context of the n-th occurrence of ``text`` in ``body``."""
    probe = Mention()
    probe.set_span_from_text(body, text, occurrence)
    return {
        field: getattr(probe, field)
        for field in ("start", "end", "exact", "prefix", "suffix", "anchor_state")
    }


def seed_author():
    return get_user_model().objects.filter(username=SEED_AUTHOR).first()


@transaction.atomic
def load_seed(*, user=None) -> SeedReport:
    """Create or update the seed article, its entities, spans, claims and fact-check."""
    user = user or seed_author()
    entities = _load_entities(user)
    article = _load_article(entities, user)
    _load_mentions(article, entities, user)
    _load_quotes(article, entities, user)
    claims = _load_claims(article, entities, user)
    fact_check = _load_fact_check(article, claims, user)
    return SeedReport(
        article=article,
        fact_check=fact_check,
        entities=len(entities),
        mentions=article.mentions.count(),
        quotes=article.quotes.count(),
        claims=article.claims.count(),
        citations=Citation.objects.filter(claim__article=article).count(),
    )


def _load_entities(user) -> dict[str, Entity]:
    entities = {}
    for slug, name, kind, aliases, wikidata_id, description in seed_data.ENTITIES:
        values = {
            "name": name,
            "kind": kind,
            "wikidata_id": wikidata_id,
            "description": description,
        }
        entity = upsert(
            Entity, {"slug": slug}, values, fill={"created_by": user}, by=user
        )
        for alias in aliases:
            upsert(Alias, {"entity": entity, "name": alias}, {}, by=user)
        entities[slug] = entity
    return entities


def _load_article(entities, user) -> Article:
    body = seed_data.ARTICLE_FILE.read_text(encoding="utf-8")
    values = {
        **seed_data.ARTICLE,
        "body": body,
        "publication": entities[seed_data.PUBLICATION_SLUG],
    }
    lookup = {"original_url": values.pop("original_url")}
    loaded = Article.objects.filter(**lookup).first()
    if loaded is not None:
        _edit_body(loaded, body, user)
    return upsert(Article, lookup, values, fill={"created_by": user}, by=user)


def _edit_body(article: Article, body: str, user) -> None:
    """A re-load whose seed text changed edits the body as an editor would, through
    ``update_article_body``: the spans the desk added since are re-anchored."""
    if article.body == body.replace("\r\n", "\n").replace("\r", "\n"):
        return
    if user is None:
        raise ValidationError(
            _(
                "The seed article's text changed and its body is edited as the seed "
                "author (%(username)s), who does not exist: create the demo users "
                "first."
            )
            % {"username": SEED_AUTHOR}
        )
    article._history_user = user
    update_article_body(article=article, body=body, user=user)


def registry_names(entities) -> dict[str, str]:
    """Every seed entity's name and aliases, mapped to the entity's slug."""
    names = {}
    for slug, name, _kind, aliases, _wikidata, _description in seed_data.ENTITIES:
        if slug in entities:
            for each in (name, *aliases):
                names[each] = slug
    return names


def _load_mentions(article, entities, user) -> None:
    body = article.body
    spans = find_names(body, registry_names(entities))
    for text, occurrence, slug in seed_data.EXTRA_MENTIONS:
        start = find_occurrence(body, text, occurrence)
        spans.append((start, start + len(text), slug))
    for start, end, slug in spans:
        mention = Mention(article=article, entity=entities[slug])
        mention.set_span(body, start, end)
        upsert(
            Mention,
            {"article": article, "entity": entities[slug], "start": start, "end": end},
            {
                "exact": mention.exact,
                "prefix": mention.prefix,
                "suffix": mention.suffix,
            },
            by=user,
        )


def _load_quotes(article, entities, user) -> None:
    body = article.body
    for quote in seed_data.QUOTES:
        span = span_values(body, quote["text"])
        cue_start = find_occurrence(body, quote["cue"], quote["cue_occurrence"])
        values = {
            **span,
            "speaker": entities[quote["speaker"]] if quote["speaker"] else None,
            "speaker_text": quote["speaker_text"],
            "cue": quote["cue"],
            "cue_start": cue_start,
            "cue_end": cue_start + len(quote["cue"]),
            "kind": quote["kind"],
            "is_vague": quote["is_vague"],
        }
        lookup = {"article": article, "start": span["start"], "end": span["end"]}
        fill = {"created_by": user, "attribution_changed_by": user}
        upsert(Quote, lookup, values, fill=fill, by=user)


def _load_claims(article, entities, user) -> list[Claim]:
    body = article.body
    claims = []
    for data in seed_data.CLAIMS:
        values = {
            **span_values(body, data["text"]),
            "speaker": entities[data["claimant"] or seed_data.PUBLICATION_SLUG],
            "verdict": data["verdict"],
            "verdict_summary": data["verdict_summary"],
            "analysis": data["analysis"],
            "recheck_on": data["recheck_on"],
            "state": ClaimState.CHECKED,
        }
        lookup = {"article": article, "statement": data["statement"]}
        fill = {
            "created_by": user,
            "attribution_changed_by": user,
            "checked_by": user,
        }
        claim = upsert(Claim, lookup, values, fill=fill, by=user)
        for position, (key, stance) in enumerate(data["citations"]):
            source = seed_data.SOURCES[key]
            upsert(
                Citation,
                {"claim": claim, "url": source["url"]},
                {
                    "title": source["title"],
                    "publisher": source["publisher"],
                    "published_on": source["published_on"],
                    "excerpt": source.get("excerpt", ""),
                    "stance": stance,
                    "position": position,
                },
                by=user,
            )
        claims.append(claim)
    return claims


def _load_fact_check(article, claims, user) -> FactCheck:
    data = seed_data.FACT_CHECK
    lookup = {"slug": data["slug"]}
    values = {"article": article, "title": data["title"], "summary": data["summary"]}
    fact_check = upsert(FactCheck, lookup, values, fill={"created_by": user}, by=user)
    for position, claim in enumerate(claims, start=1):
        upsert(
            FactCheckClaim,
            {"fact_check": fact_check, "claim": claim},
            {"position": position},
            by=user,
        )
    if user is not None and not fact_check.authors.filter(pk=user.pk).exists():
        fact_check.authors.add(user)
    return fact_check
