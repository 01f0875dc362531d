"""Suggestions stored for editors to accept or reject, and the tagging actions.

The engine proposes; these services store its proposals as Mention, Quote and Claim
rows with origin "suggested" and state "suggested" (readers never see them), and carry
out what an editor decides on the Tag page. A span the article already has — in any
state, rejected included — is never suggested again.

New-entity candidates, copy-desk flags and repeat claims are not stored: they are
cheap, so the Tag page computes them when it is shown (see ``article_hints``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from articles.models import (
    Article,
    Citation,
    Claim,
    ClaimState,
    Mention,
    Quote,
    QuoteKind,
)
from articles.services import engine
from common.bases import SuggestionOrigin, SuggestionState
from entities.models import Alias, Entity, EntityKind
from entities.selectors import entities_named_each
from entities.validators import clean_text

logger = logging.getLogger(__name__)

SUGGESTED = SuggestionState.SUGGESTED


@dataclass
class SuggestionReport:
    mentions: int = 0
    quotes: int = 0
    claims: int = 0
    skipped: int = 0
    unavailable: list[str] = field(default_factory=list)
    body_changed: bool = False  # edited meanwhile: nothing was stored

    @property
    def created(self) -> int:
        return self.mentions + self.quotes + self.claims

    def summary(self) -> str:
        text = _(
            "%(mentions)d mention(s), %(quotes)d quote(s) and %(claims)d claim(s) "
            "suggested; %(skipped)d already known."
        ) % {
            "mentions": self.mentions,
            "quotes": self.quotes,
            "claims": self.claims,
            "skipped": self.skipped,
        }
        if self.unavailable:
            text += " " + _("Not available in this build: %(parts)s.") % {
                "parts": ", ".join(self.unavailable)
            }
        return text


def _require(user, *perms: str) -> None:
    if user is None or not all(user.has_perm(perm) for perm in perms):
        raise PermissionDenied


def _perm(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _covers_half(span: tuple[int, int], others) -> bool:
    """True when ``span`` and one of ``others`` overlap by half the shorter."""
    for other in others:
        shorter = min(span[1] - span[0], other[1] - other[0])
        if shorter > 0 and _overlap(span, other) * 2 >= shorter:
            return True
    return False


def _valid_offsets(body: str, start, end) -> bool:
    return (
        isinstance(start, int)
        and isinstance(end, int)
        and 0 <= start < end <= len(body)
        and bool(body[start:end].strip())
    )


def _call(report: SuggestionReport, function, *args, **kwargs) -> list:
    try:
        return list(function(*args, **kwargs))
    except engine.EngineUnavailable as missing:
        report.unavailable.append(str(missing))
        return []


@dataclass(frozen=True)
class SpeakerQuery:
    """Who a quote credits: the speaker's words and where they are in the body."""

    name: str
    start: int | None = None
    end: int | None = None


def resolve_speaker(name: str, *, start=None, end=None, mentions=()) -> Entity | None:
    """The known entity a quote's speaker names, if exactly one fits (see
    ``resolve_speakers``)."""
    return resolve_speakers([SpeakerQuery(name, start, end)], mentions=mentions)[0]


def resolve_speakers(queries: list[SpeakerQuery], *, mentions=()) -> list:
    """The known entity each speaker names (or None), in the order asked; two
    queries for any number of speakers.

    A known name inside the speaker's words counts only when it ends them (the name
    after a title: "Prime Minister Shehbaz Sharif"), so "Northbridge Gazette" is not
    the place Northbridge. Otherwise the whole name must designate one entity
    (``entity_named``), else the matcher's names ending it must all be one entity.
    """
    ids: list[int | None] = [None] * len(queries)
    by_name: dict[str, list[int]] = {}
    for position, query in enumerate(queries):
        if query.start is not None and query.end is not None:
            inside = [
                m for m in mentions if m.start >= query.start and m.end == query.end
            ]
            if inside:
                ids[position] = max(inside, key=lambda m: m.end - m.start).entity_id
                continue
        name = (query.name or "").strip()
        if name:
            by_name.setdefault(name, []).append(position)
    known = entities_named_each(list(by_name))
    for name, positions in by_name.items():
        entity_id = known[name].pk if known[name] is not None else None
        if entity_id is None:
            entity_id = _one_entity_ending(name)
        for position in positions:
            ids[position] = entity_id
    entities = Entity.objects.in_bulk({pk for pk in ids if pk is not None})
    return [entities.get(pk) if pk is not None else None for pk in ids]


def _one_entity_ending(name: str) -> int | None:
    """The one entity the matcher finds at the end of ``name``, if only one."""
    try:
        inside_name = engine.find_mentions(name)
    except engine.EngineUnavailable:
        return None
    ids = {m.entity_id for m in inside_name if m.end == len(name)}
    return ids.pop() if len(ids) == 1 else None


def suggest_for_article(*, article: Article, user=None) -> SuggestionReport:
    """Run the engine on the body; store new suggestions, never repeating a span.

    ``user`` is None when the system runs it (import, save); an editor running it on
    demand needs ``articles.change_article``.
    """
    if user is not None:
        _require(user, "articles.change_article")
    report = SuggestionReport()
    body = article.body
    mentions = _call(report, engine.find_mentions, body)
    quotes = _call(report, engine.find_quotes, body)
    claims = _call(report, engine.find_claims, body, published_on=article.published_on)
    with transaction.atomic():
        stored_body = (
            Article.objects.select_for_update()
            .filter(pk=article.pk)
            .values_list("body", flat=True)
            .first()
        )
        if stored_body != body:
            # Edited while the engine ran (it runs as a background job): these
            # offsets index the old text, so store nothing; the edit's own job
            # suggests for the new one.
            report.body_changed = True
            return report
        _store_mentions(article, mentions, user, report)
        speakers = _store_quotes(article, quotes, mentions, user, report)
        _store_claims(article, claims, speakers, user, report)
    return report


def _store_mentions(article, candidates, user, report) -> None:
    body = article.body
    existing = set(
        Mention.objects.filter(article=article).values_list("entity_id", "start", "end")
    )
    taken_spans = {(start, end) for _entity, start, end in existing}
    known_ids = set(
        Entity.objects.filter(pk__in={c.entity_id for c in candidates}).values_list(
            "pk", flat=True
        )
    )
    new = []
    for candidate in candidates:
        span = (candidate.start, candidate.end)
        if (
            not _valid_offsets(body, *span)
            or candidate.entity_id not in known_ids
            or span in taken_spans
        ):
            report.skipped += 1
            continue
        mention = Mention(
            article=article,
            entity_id=candidate.entity_id,
            origin=SuggestionOrigin.SUGGESTED,
            suggestion_state=SUGGESTED,
        )
        mention.set_span(body, *span)
        new.append(mention)
        taken_spans.add(span)
    _insert(Mention, new)
    report.mentions += len(new)


def _store_quotes(article, candidates, mentions, user, report) -> list:
    """Store new quotes; return (span, speaker) pairs for claims to credit."""
    body = article.body
    existing = [
        (start, end)
        for start, end in Quote.objects.filter(
            article=article, start__isnull=False
        ).values_list("start", "end")
    ]
    valid = []
    for candidate in candidates:
        if _valid_offsets(body, candidate.start, candidate.end):
            valid.append(candidate)
        else:
            report.skipped += 1
    named = [c for c in valid if not c.is_vague]
    resolved = resolve_speakers(
        [SpeakerQuery(c.speaker, c.speaker_start, c.speaker_end) for c in named],
        mentions=mentions,
    )
    resolved_in_order = iter(resolved)
    speakers, new = [], []
    for candidate in valid:
        span = (candidate.start, candidate.end)
        speaker = None if candidate.is_vague else next(resolved_in_order)
        speakers.append((span, speaker))
        if _covers_half(span, existing):
            report.skipped += 1
            continue
        quote = Quote(
            article=article,
            speaker=speaker,
            speaker_text=(candidate.speaker or "")[:200],
            cue=(candidate.cue or "")[:100],
            kind=candidate.kind
            if candidate.kind in QuoteKind.values
            else QuoteKind.DIRECT,
            is_vague=bool(candidate.is_vague),
            origin=SuggestionOrigin.SUGGESTED,
            suggestion_state=SUGGESTED,
            created_by=user,
        )
        quote.set_span(body, *span)
        if _valid_offsets(body, candidate.cue_start, candidate.cue_end):
            quote.cue_start, quote.cue_end = candidate.cue_start, candidate.cue_end
        new.append(quote)
        existing.append(span)
    _insert(Quote, new)
    report.quotes += len(new)
    return speakers


def _store_claims(article, candidates, speakers, user, report) -> None:
    body = article.body
    existing = [
        (start, end)
        for start, end in Claim.objects.filter(
            article=article, start__isnull=False
        ).values_list("start", "end")
    ]
    new = []
    for candidate in candidates:
        span = (candidate.start, candidate.end)
        if not _valid_offsets(body, *span):
            report.skipped += 1
            continue
        if _covers_half(span, existing):
            report.skipped += 1
            continue
        claimant = next(
            (who for where, who in speakers if who and _overlap(where, span)), None
        )
        claim = Claim(
            article=article,
            statement=candidate.text or body[span[0] : span[1]],
            speaker=claimant,
            recheck_on=getattr(candidate, "recheck_on", None),
            state=ClaimState.OPEN,
            origin=SuggestionOrigin.SUGGESTED,
            suggestion_state=SUGGESTED,
            created_by=user,
        )
        claim.set_span(body, *span)
        new.append(claim)
        existing.append(span)
    _insert(Claim, new)
    report.claims += len(new)


def _insert(model, rows: list) -> None:
    """INSERT ``rows`` and their "created" history rows, a statement each, doing
    what ``save()`` does around the INSERT (no other receiver listens to these
    models' saves)."""
    if not rows:
        return
    for row in rows:
        if hasattr(row, "prepare_insert"):
            row.prepare_insert()
    bulk_create_with_history(rows, model)
    for row in rows:
        if hasattr(row, "saved"):
            row.saved()


# --- Editors' decisions -------------------------------------------------------


def _decide(item, user, state: str) -> None:
    _require(user, _perm(type(item), "change"))
    with transaction.atomic():
        locked = type(item).objects.select_for_update().get(pk=item.pk)
        if locked.suggestion_state != SUGGESTED:
            raise ValidationError(_("This suggestion was already decided."))
        item.suggestion_state = state
        fields = ["suggestion_state"]
        if state == SuggestionState.CONFIRMED and isinstance(item, Quote | Claim):
            # Accepting sets the attribution: this editor may not also review it.
            item.credit_attribution(user)
            fields.append("attribution_changed_by")
        if hasattr(item, "version"):
            item.version = locked.version + 1
            fields.append("version")
        item._history_user = user
        item.save(update_fields=[*fields, "updated_at"])


def accept_suggestion(*, item, user) -> None:
    """Confirm a suggested mention, quote or claim."""
    _decide(item, user, SuggestionState.CONFIRMED)


def reject_suggestion(*, item, user) -> None:
    """Reject a suggestion: it stays stored so it is never suggested again."""
    _decide(item, user, SuggestionState.REJECTED)


def accept_all_mentions_of(*, article: Article, entity: Entity, user) -> int:
    """Confirm every pending mention of ``entity`` in ``article``; return how many."""
    _require(user, "articles.change_mention")
    with transaction.atomic():
        pending = list(
            Mention.objects.pending()
            .filter(article=article, entity=entity)
            .select_for_update()
        )
        for mention in pending:
            mention.suggestion_state = SuggestionState.CONFIRMED
            # A new version: a mention form opened before this is refused, not obeyed.
            mention.version += 1
            mention.save(update_fields=["suggestion_state", "version", "updated_at"])
    return len(pending)


class TagKind:
    ENTITY = "entity"
    QUOTE = "quote"
    CLAIM = "claim"
    ALL = (ENTITY, QUOTE, CLAIM)


def _trimmed(body: str, start, end) -> tuple[int, int]:
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError) as error:
        raise ValidationError(_("Select some text in the article first.")) from error
    if not 0 <= start < end <= len(body):
        raise ValidationError(_("The selection is not inside the article's text."))
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValidationError(_("The selection holds only blank space."))
    return start, end


@dataclass(frozen=True)
class NewEntity:
    """An entity to add to the registry while tagging its first mention."""

    name: str
    kind: str
    alias: str = ""


@dataclass(frozen=True)
class Selection:
    """What an editor selected on the Tag page, and what to tag it as.

    ``start``/``end`` come from the page as typed (checked by ``tag_selection``);
    ``expected_text``, when given, must equal the selected text (the page the editor
    selected on may be out of date). ``entity`` or ``new_entity`` names the entity of
    a mention; ``speaker`` who is credited with a quote or claim.
    """

    start: int | str | None
    end: int | str | None
    kind: str
    entity: Entity | None = None
    new_entity: NewEntity | None = None
    speaker: Entity | None = None
    expected_text: str | None = None


def tag_selection(*, article: Article, user, selection: Selection):
    """Tag the selected text as an entity mention, a quote or a claim (confirmed)."""
    model = {TagKind.ENTITY: Mention, TagKind.QUOTE: Quote, TagKind.CLAIM: Claim}.get(
        selection.kind
    )
    if model is None:
        raise ValidationError(_("Choose entity, quote or claim."))
    _require(user, _perm(model, "add"))
    start, end = _selected_offsets(article.body, selection)
    with transaction.atomic():
        if selection.kind == TagKind.ENTITY:
            return _tag_entity(article, user, start, end, selection)
        if selection.kind == TagKind.QUOTE:
            return _tag_quote(article, user, start, end, selection.speaker)
        return _tag_claim(article, user, start, end, selection.speaker)


def _selected_offsets(body: str, selection: Selection) -> tuple[int, int]:
    """The selection trimmed of blank space; refused if the page showed other text."""
    start, end = _trimmed(body, selection.start, selection.end)
    if selection.expected_text is not None:
        try:
            selected = body[int(selection.start) : int(selection.end)]
        except (TypeError, ValueError):
            selected = None
        if selected is None or selected.strip() != selection.expected_text.strip():
            raise ValidationError(
                _("The text changed since the page was loaded: reload and try again.")
            )
    return start, end


def _tag_quote(article, user, start, end, speaker) -> Quote:
    quote = Quote(
        speaker=speaker,
        speaker_text=speaker.name if speaker else "",
        suggestion_state=SuggestionState.CONFIRMED,
    )
    return _save_tagged(quote, article, user, start, end)


def _tag_claim(article, user, start, end, claimant) -> Claim:
    claim = Claim(
        statement=article.body[start:end],
        speaker=claimant,
        suggestion_state=SuggestionState.CONFIRMED,
    )
    return _save_tagged(claim, article, user, start, end)


def _save_tagged(item, article, user, start, end):
    """Save a quote or claim the editor tagged by hand: they created and credited it."""
    item.article = article
    item.origin = SuggestionOrigin.MANUAL
    item.created_by = user
    item.credit_attribution(user)
    item.set_span(article.body, start, end)
    item._history_user = user
    item.save()
    return item


def create_entity(*, user, name: str, kind: str, alias: str = "") -> Entity:
    """Add an entity (and an alias) to the registry."""
    _require(user, "entities.add_entity")
    name = _name_text(name, Entity, what=_("The new entity's name"))
    if not name:
        raise ValidationError(_("Give the new entity a name."))
    if kind not in EntityKind.values:
        raise ValidationError(_("Choose what kind of entity it is."))
    alias = _name_text(alias, Alias, what=_("The alias"))
    with transaction.atomic():
        entity = Entity(name=name, kind=kind, created_by=user)
        entity.full_clean()
        entity.save()
        if alias and alias != entity.name:
            _require(user, "entities.add_alias")
            Alias.objects.create(entity=entity, name=alias)
    return entity


def _name_text(value, model, *, what: str) -> str:
    """A name typed by an editor, spaces collapsed; refused (never cut) when longer
    than the model's name field or holding control characters."""
    limit = model._meta.get_field("name").max_length
    return " ".join(clean_text(value, max_length=limit, what=what).split())


def _tag_entity(article, user, start, end, selection: Selection) -> Mention:
    entity, new = selection.entity, selection.new_entity
    if entity is None:
        if new is None or not new.name:
            raise ValidationError(_("Choose an entity or name a new one."))
        entity = create_entity(user=user, name=new.name, kind=new.kind, alias=new.alias)
    body = article.body
    # The same span and entity may exist (a rejected suggestion): confirm it instead.
    mention = Mention.objects.filter(
        article=article, entity=entity, start=start, end=end
    ).first() or Mention(article=article, entity=entity)
    if mention.pk and mention.suggestion_state == SuggestionState.CONFIRMED:
        raise ValidationError(_("This text is already tagged with that entity."))
    mention.set_span(body, start, end)
    mention.origin = mention.origin if mention.pk else SuggestionOrigin.MANUAL
    mention.suggestion_state = SuggestionState.CONFIRMED
    mention.save()
    return mention


# --- Repeat claims -------------------------------------------------------------


def repeats_for(claim: Claim) -> list[tuple[Claim, float]]:
    """Claims checked elsewhere that read like ``claim`` (empty without engine)."""
    try:
        found = engine.find_repeats(
            claim.statement or claim.exact, exclude_article=claim.article
        )
    except engine.EngineUnavailable:
        return []
    return [(other, score) for other, score in found if other.pk != claim.pk]


def known_fact_checks_for(claims: list[Claim]) -> dict[int, list]:
    """Per claim id, other publishers' fact-checks (KnownFactCheck, score) of a
    claim like it; one query for all of ``claims``."""
    if not claims:
        return {}
    try:
        found = engine.find_known_fact_checks(
            [claim.statement or claim.exact for claim in claims]
        )
    except engine.EngineUnavailable:
        return {}
    return {claim.pk: matches for claim, matches in zip(claims, found, strict=True)}


def link_repeat(*, claim: Claim, original: Claim, user) -> None:
    """Record that ``claim`` repeats ``original`` (already checked elsewhere)."""
    _require(user, "articles.change_claim")
    if original.pk == claim.pk or original.article_id == claim.article_id:
        raise ValidationError(_("A claim can only repeat one from another article."))
    with transaction.atomic():
        claim.repeat_of = original
        claim.version += 1
        claim.save(update_fields=["repeat_of", "version", "updated_at"])


def reuse_verdict(*, claim: Claim, original: Claim, user) -> int:
    """Link as a repeat, copy verdict, analysis and citations; return how many."""
    _require(user, "articles.change_claim", "articles.add_citation")
    if not original.verdict:
        raise ValidationError(_("The earlier claim has no verdict to reuse."))
    if claim.verdict:
        raise ValidationError(_("This claim already has a verdict."))
    with transaction.atomic():
        link_repeat(claim=claim, original=original, user=user)
        claim.verdict = original.verdict
        claim.verdict_summary = original.verdict_summary
        claim.analysis = original.analysis
        # The history names who wrote the verdict: the four-eyes rule reads it.
        claim._history_user = user
        claim.save(update_fields=["verdict", "verdict_summary", "analysis"])
        copied = 0
        for citation in Citation.objects.filter(claim=original).order_by("pk"):
            citation.pk = None
            citation._state.adding = True
            citation.claim = claim
            citation.created_by = user
            citation._history_user = user
            citation.save()
            copied += 1
    return copied


# --- Hints computed when the Tag page is shown -----------------------------------


@dataclass
class ArticleHints:
    candidates: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)


def _registry_names(texts: set[str]) -> set[str]:
    """Those of ``texts`` that are already names or aliases in the registry (lower)."""
    texts = {text for text in texts if text.strip()}
    if not texts:
        return set()
    query = Q()
    for text in texts:
        query |= Q(name__iexact=text)
    names = set(Entity.objects.filter(query).values_list("name", flat=True))
    names |= set(Alias.objects.filter(query).values_list("name", flat=True))
    return {name.lower() for name in names}


def article_hints(article: Article) -> ArticleHints:
    """New-entity candidates (grouped by text) and copy-desk flags for the body."""
    hints = ArticleHints()
    body = article.body
    mentioned = Entity.objects.filter(mentions__article=article).distinct()
    known = set()
    for entity in mentioned.prefetch_related("aliases"):
        known.update(entity.names())
    taken = [
        (start, end)
        for start, end in Mention.objects.filter(
            article=article, start__isnull=False
        ).values_list("start", "end")
    ]
    report = SuggestionReport()
    # The engine skips ``known`` spans: the registry's matches and existing tags.
    known_spans = taken + [
        (m.start, m.end) for m in _call(report, engine.find_mentions, body)
    ]
    found = _call(report, engine.find_new_entities, body, known=tuple(known_spans))
    known_lower = {name.lower() for name in known} | _registry_names(
        {candidate.text for candidate in found}
    )
    grouped: dict[str, dict] = {}
    for candidate in found:
        span = (candidate.start, candidate.end)
        if not _valid_offsets(body, *span) or candidate.text.lower() in known_lower:
            continue
        if any(other[0] <= span[0] and span[1] <= other[1] for other in taken):
            continue  # already tagged (a longer candidate around a tag still shows)
        group = grouped.setdefault(
            candidate.text.lower(),
            {
                "text": candidate.text,
                "kind": candidate.kind if candidate.kind in EntityKind.values else "",
                "alias": candidate.alias or "",
                "start": candidate.start,
                "end": candidate.end,
                "count": 0,
            },
        )
        group["count"] += 1
    hints.candidates = sorted(grouped.values(), key=lambda group: group["start"])
    hints.flags = [
        flag
        for flag in _call(report, engine.copy_desk_flags, body, known_names=known)
        if _valid_offsets(body, flag.start, flag.end)
    ]
    hints.unavailable = report.unavailable
    return hints
