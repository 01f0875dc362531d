"""A synthetic desk archive for scale tests: ``manage.py generate_corpus``.

Deterministic (one ``random.Random(seed)`` drives every choice, and dates count from a
fixed day), realistic in shape: entities with aliases, named Zipf-fashion (a few on
thousands of articles, most on a handful); articles of 300–900 words whose every
mention, quote and claim has its span in the body; claims with every verdict, each
with 1–3 citations on example.org addresses marked synthetic; and published
fact-checks whose snapshots come from the real snapshot composer
(``articles.snapshot.compose_snapshot``), some with an older version and corrections.
The rest of the articles are drafts or in review, with work in the review queue.

Rows are built in memory a chunk of articles at a time and written with
``corpus_writer.BulkWriter`` (COPY on PostgreSQL, with the foreign keys and secondary
indexes dropped for the load and made again after it). Each chunk of articles has a
random generator seeded from the seed and its number, and id blocks of its own, so on
PostgreSQL a pool of processes builds chunks (as COPY text) while this one sends the
finished ones, and the result does not depend on how many processes built it.
History rows and stored page HTML (``PublishedPage``) are not generated: the history
admin is not what a scale test measures, and a fact-check page without stored HTML
renders from its snapshot.
"""

from __future__ import annotations

import collections
import datetime
import itertools
import multiprocessing
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connections, transaction
from django.db.models import Max
from django.utils.text import slugify

from articles.listing import refresh_latest_cards
from articles.models import (
    Article,
    AttributionReview,
    Citation,
    CitationStance,
    Claim,
    ClaimState,
    Correction,
    CorrectionKind,
    FactCheck,
    FactCheckClaim,
    FactCheckState,
    Mention,
    PublishedCitation,
    PublishedClaim,
    PublishedEntity,
    PublishedVersion,
    Quote,
    QuoteKind,
    Verdict,
    body_fingerprint,
)
from articles.search import refresh_article_vectors, refresh_search_vectors
from articles.services import corpus_text as text
from articles.services.corpus_writer import (
    BulkWriter,
    Rows,
    drop_secondary_schema,
    reset_sequences,
    restore_schema,
    uses_copy,
    vacuum_analyze,
)
from articles.snapshot import (
    compose_snapshot,
    published_claim_row,
    published_version_row,
)
from common.spans import context_around
from entities.models import Alias, Entity, EntityKind

START = datetime.datetime(2024, 1, 1, 7, 0, tzinfo=datetime.UTC)
CHUNK = 1_000
PUBLISHED_SHARE = 0.6
IN_REVIEW_SHARE = 0.15
SECOND_VERSION_SHARE = 0.1
CORRECTION_SHARE = 0.05
ZIPF_EXPONENT = 1.07
CORPUS_USERS = {
    "corpus-editor": ("Ada", "Editor"),
    "corpus-checker": ("Chen", "Checker"),
    "corpus-reviewer": ("Rui", "Reviewer"),
    "corpus-publisher": ("Pia", "Publisher"),
}
ENTITY_MAKERS: list[tuple[str, Callable, float]] = [
    (EntityKind.PERSON, text.person_name, 0.55),
    (EntityKind.ORGANIZATION, text.organisation_name, 0.25),
    (EntityKind.PLACE, text.place_name, 0.12),
    (EntityKind.EVENT, text.event_name, 0.04),
    (EntityKind.OBJECT, text.object_name, 0.04),
]
VERDICTS = list(Verdict)


def entity_count(articles: int) -> int:
    """About one entity per twenty articles, between 60 and 5,000."""
    return max(60, min(5_000, articles // 20))


def publication_count(articles: int) -> int:
    return max(5, min(40, articles // 2_000))


def first_free_ids(models) -> dict:
    """The first primary key of each model past what the database holds."""
    return {
        model: (model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
        for model in models
    }


class Ids:
    """The next free primary key of each model (so rows can refer to each other).

    With ``per_article`` (the most rows of a model one article can make), chunk
    ``index`` takes its ids from a block of its own: the ids of a chunk do not depend
    on the chunks before it, so chunks can be built in any process, in any order, and
    still get the same ids (with gaps between blocks, as ids have after rollbacks)."""

    def __init__(self, first: dict, *, index: int = 0, per_article=None) -> None:
        self._next, self._end = {}, {}
        for model, value in first.items():
            if per_article is None:
                self._next[model], self._end[model] = value, None
            else:
                block = per_article[model] * CHUNK
                self._next[model] = value + index * block
                self._end[model] = self._next[model] + block

    def take(self, model) -> int:
        value = self._next[model]
        if self._end[model] is not None and value >= self._end[model]:
            raise RuntimeError(f"More {model.__name__} rows than CHUNK_ID_BLOCKS allow")
        self._next[model] = value + 1
        return value


# The most rows of each model one article makes (see ``Ids``): at most 4 claims with
# 3 citations each, 3 quotes, 2 published versions, and a mention in at most one
# sentence of 6 words or more of 900 (``Ids.take`` refuses to go past a block).
ROWS_PER_ARTICLE = {
    Article: 1,
    Mention: 160,
    Quote: 3,
    Claim: 4,
    Citation: 12,
    FactCheck: 1,
    FactCheck.authors.through: 1,
    FactCheckClaim: 4,
    PublishedVersion: 2,
    PublishedEntity: 2 * 160,
    PublishedClaim: 2 * 4,
    PublishedClaim.entities.through: 2 * 4 * 4,
    PublishedCitation: 2 * 12,
    Correction: 1,
}

# Link rows nothing in the build reads again are tuples of these columns, not model
# instances (a model instance costs more to make than its whole COPY line).
ROW_COLUMNS = {
    PublishedEntity: (
        "id",
        "version_id",
        "entity_id",
        "name",
        "slug",
        "kind",
        "description",
        "wikidata_id",
        "same_as",
        "aliases",
        "is_listed",
        "is_latest",
    ),
    PublishedClaim.entities.through: ("id", "publishedclaim_id", "entity_id"),
    PublishedCitation: ("id", "published_claim_id", "citation_id"),
    FactCheck.authors.through: ("id", "factcheck_id", "user_id"),
    FactCheckClaim: ("id", "fact_check_id", "claim_id", "position"),
}


@dataclass
class Chunk:
    """The rows of a chunk of articles, in the order they are written."""

    rows: dict[type, list] = field(default_factory=dict)
    tuples: dict[type, Rows] = field(default_factory=dict)
    articles: int = 0

    def add(self, obj) -> None:
        self.rows.setdefault(type(obj), []).append(obj)

    def add_row(self, model, *values) -> None:
        """Add a row of ``model`` as the values of its ``ROW_COLUMNS``."""
        if model not in self.tuples:
            self.tuples[model] = Rows(model, ROW_COLUMNS[model])
        self.tuples[model].values.append(values)


@dataclass
class BodyBuilder:
    """Grows an article body sentence by sentence, keeping the offsets of spans."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    words: int = 0
    paragraph_sentences: int = 0

    def add(self, piece: str) -> int:
        """Append ``piece``; return its start offset."""
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start

    def space(self) -> None:
        if self.paragraph_sentences:
            self.add(" ")

    def end_sentence(self, rng: random.Random, word_count: int) -> None:
        self.words += word_count
        self.paragraph_sentences += 1
        if self.paragraph_sentences >= rng.randint(3, 6):
            self.add("\n\n")
            self.paragraph_sentences = 0

    @property
    def body(self) -> str:
        return "".join(self.parts).rstrip()


class CorpusBuilder:
    """Builds and writes the corpus; ``run`` is the entry point."""

    def __init__(
        self, *, articles: int, seed: int, progress=None, processes: int = 1
    ) -> None:
        self.article_total = articles
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 (a corpus, not a secret)
        self.progress = progress
        self.processes = max(1, processes)
        self.writer = BulkWriter()

    # Entities -------------------------------------------------------------------

    def _users(self) -> dict[str, object]:
        User = get_user_model()
        for username, (first, last) in CORPUS_USERS.items():
            User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last}
            )
        # With their author profiles (or the lack of one) read now: the snapshot
        # composer asks for them, and a building process must not query.
        return {
            user.username: user
            for user in User.objects.select_related("author_profile").filter(
                username__in=CORPUS_USERS
            )
        }

    def _entities(self) -> None:
        rng, now = self.rng, START - datetime.timedelta(days=30)
        taken = set(Entity.objects.values_list("slug", flat=True))
        self.alias_names: dict[int, list[str]] = {}
        self.publications: list[Entity] = []
        self.named: list[Entity] = []

        def make(kind: str, maker: Callable) -> Entity:
            name, aliases = maker(rng)
            slug = base = slugify(name)[:180] or "entity"
            for number in itertools.count(2):
                if slug not in taken:
                    break
                slug = f"{base}-{number}"
            taken.add(slug)
            entity = Entity(
                pk=self.ids.take(Entity),
                name=name,
                slug=slug,
                kind=kind,
                description=f"Synthetic {kind} of the scale corpus.",
                created_at=now,
                updated_at=now,
                created_by=self.users["corpus-editor"],
            )
            self.alias_names[entity.pk] = sorted(set(aliases) - {name})
            # Every snapshot links its entities: resolve each address once, not once
            # per mention (millions of ``reverse`` calls).
            url = entity.get_absolute_url()
            entity.get_absolute_url = lambda: url
            return entity

        for _number in range(publication_count(self.article_total)):
            self.publications.append(
                make(EntityKind.PUBLICATION, text.publication_name)
            )
        kinds = [kind for kind, _maker, _share in ENTITY_MAKERS]
        makers = {kind: maker for kind, maker, _share in ENTITY_MAKERS}
        shares = [share for _kind, _maker, share in ENTITY_MAKERS]
        for kind in rng.choices(
            kinds, weights=shares, k=entity_count(self.article_total)
        ):
            self.named.append(make(kind, makers[kind]))
        everything = self.publications + self.named
        self.writer.write(Entity, everything)
        self.writer.write(
            Alias,
            [
                Alias(pk=self.ids.take(Alias), entity=entity, name=alias)
                for entity in everything
                for alias in self.alias_names[entity.pk]
            ],
        )
        self.people = [e for e in self.named if e.kind == EntityKind.PERSON]
        self.speakers = [
            e
            for e in self.named
            if e.kind in {EntityKind.PERSON, EntityKind.ORGANIZATION}
        ]
        # Zipf: the entity at rank r is named with weight 1 / r**s.
        self.named_weights = list(
            itertools.accumulate(
                1 / rank**ZIPF_EXPONENT for rank in range(1, len(self.named) + 1)
            )
        )
        self.speaker_weights = list(
            itertools.accumulate(
                1 / rank**ZIPF_EXPONENT for rank in range(1, len(self.speakers) + 1)
            )
        )

    def zipf_entity(self) -> Entity:
        return self.rng.choices(self.named, cum_weights=self.named_weights)[0]

    def zipf_speaker(self) -> Entity:
        return self.rng.choices(self.speakers, cum_weights=self.speaker_weights)[0]

    # One article ------------------------------------------------------------------

    def _mention(self, article, body_ref: list, entity: Entity, start: int) -> Mention:
        mention = Mention(
            pk=self.ids.take(Mention),
            article=article,
            entity=entity,
            start=start,
            end=start + len(entity.name),
            exact=entity.name,
            created_at=article.created_at,
            updated_at=article.created_at,
        )
        body_ref.append(mention)
        return mention

    def _article(self, number: int, chunk: Chunk) -> None:
        rng = self.rng
        day = START + datetime.timedelta(minutes=7 * number)
        publication = self.publications[number % len(self.publications)]
        target_words = rng.randint(300, 900)
        headline_entity = self.zipf_entity()
        headline = f"{headline_entity.name} {text.words(rng, rng.randint(5, 9))}"
        pk = self.ids.take(Article)  # unique names even when a corpus is added to
        article = Article(
            pk=pk,
            headline=headline,
            slug=f"{slugify(headline)[:150]}-{pk}",
            publication=publication,
            byline=text.person_name(rng)[0],
            original_url=f"https://news.example.org/synthetic/{pk}",
            published_on=day.date(),
            language="en",
            created_at=day,
            updated_at=day,
            created_by=self.users["corpus-editor"],
        )
        build = BodyBuilder()
        mentions: list[Mention] = []
        quotes: list[Quote] = []
        claims: list[tuple[Claim, list[Citation]]] = []
        wants_quotes, wants_claims = rng.randint(1, 3), rng.randint(2, 4)
        year = day.year - rng.randint(0, 3)
        while build.words < target_words:
            build.space()
            roll = rng.random()
            if len(claims) < wants_claims and roll < 0.12:
                self._claim_sentence(article, build, mentions, claims, year)
            elif len(quotes) < wants_quotes and roll < 0.24:
                self._quote_sentence(article, build, mentions, quotes)
            elif roll < 0.5:
                entity = self.zipf_entity()
                lead = text.sentence(rng, 4, 10)[:-1]
                tail = text.words(rng, rng.randint(3, 9))
                build.add(f"{lead}, ")
                self._mention(article, mentions, entity, build.add(entity.name))
                build.add(f" {tail}.")
                build.end_sentence(rng, lead.count(" ") + tail.count(" ") + 3)
            else:
                sentence = text.sentence(rng)
                build.add(sentence)
                build.end_sentence(rng, sentence.count(" ") + 1)
        article.body = build.body
        article.body_hash = body_fingerprint(article.body)
        for span in [*mentions, *quotes, *(claim for claim, _c in claims)]:
            span.prefix, span.suffix = context_around(
                article.body, span.start, span.end
            )
        chunk.add(article)
        for row in mentions:
            chunk.add(row)
        for row in quotes:
            chunk.add(row)
        for claim, citations in claims:
            chunk.add(claim)
            for citation in citations:
                chunk.add(citation)
        self._fact_check(number, article, mentions, quotes, claims, chunk)

    def _quote_sentence(self, article, build, mentions, quotes) -> None:
        rng = self.rng
        speaker = self.zipf_speaker()
        said = text.sentence(rng, 6, 16)
        cue = rng.choice(text.CUES)
        if rng.random() < 0.6:
            build.add("“")
            start = build.add(said)
            build.add("” ")
            self._mention(article, mentions, speaker, build.add(speaker.name))
            cue_start = build.add(f" {cue}") + 1
            build.add(".")
            kind = QuoteKind.DIRECT
        else:
            build.add("According to ")
            self._mention(article, mentions, speaker, build.add(speaker.name))
            build.add(", ")
            said = said[0].lower() + said[1:]
            start = build.add(said)
            cue, cue_start, kind = "according to", None, QuoteKind.INDIRECT
        quotes.append(
            Quote(
                pk=self.ids.take(Quote),
                article=article,
                speaker=speaker,
                speaker_text=speaker.name,
                cue=cue,
                cue_start=cue_start,
                cue_end=cue_start + len(cue) if cue_start is not None else None,
                kind=kind,
                start=start,
                end=start + len(said),
                exact=said,
                created_at=article.created_at,
                updated_at=article.created_at,
                created_by=article.created_by,
            )
        )
        build.end_sentence(rng, said.count(" ") + 4)

    def _claim_sentence(self, article, build, mentions, claims, year) -> None:
        rng = self.rng
        claimant = self.zipf_speaker()
        statement = text.claim_statement(rng, year)
        sentence_start = build.add("")
        self._mention(article, mentions, claimant, build.add(claimant.name))
        build.add(" said that ")
        build.add(f"{statement}.")
        sentence = f"{claimant.name} said that {statement}."
        claim = Claim(
            pk=self.ids.take(Claim),
            article=article,
            statement=f"{claimant.name} said {statement}.",
            speaker=claimant,
            start=sentence_start,
            end=sentence_start + len(sentence),
            exact=sentence,
            created_at=article.created_at,
            updated_at=article.created_at,
            created_by=article.created_by,
        )
        claim.slug = slugify(claim.statement)[:80].strip("-") or "claim"
        citations = [
            Citation(
                pk=self.ids.take(Citation),
                claim=claim,
                url=f"https://records.example.org/synthetic/{claim.pk}/{position}",
                title=f"Synthetic record {claim.pk}.{position}: {statement}",
                publisher="Example Records (synthetic)",
                published_on=(article.created_at - datetime.timedelta(days=40)).date(),
                accessed_on=article.created_at.date(),
                excerpt=text.sentence(rng, 12, 30),
                stance=rng.choice(list(CitationStance)),
                position=position,
                created_at=article.created_at,
                updated_at=article.created_at,
                created_by=self.users["corpus-checker"],
            )
            for position in range(1, rng.randint(1, 3) + 1)
        ]
        claims.append((claim, citations))
        build.end_sentence(rng, sentence.count(" ") + 1)

    # Its fact-check --------------------------------------------------------------

    def _fact_check(self, number, article, mentions, quotes, claims, chunk) -> None:
        rng, users = self.rng, self.users
        roll = rng.random()
        if roll < PUBLISHED_SHARE:
            state = FactCheckState.PUBLISHED
        elif roll < PUBLISHED_SHARE + IN_REVIEW_SHARE:
            state = FactCheckState.IN_REVIEW
        else:
            state = FactCheckState.DRAFT
        checked = state == FactCheckState.PUBLISHED or rng.random() < 0.5
        reviewed = state == FactCheckState.PUBLISHED or rng.random() < 0.3
        when = article.created_at + datetime.timedelta(days=2)
        for claim, _citations in claims:
            if checked:
                verdict = rng.choice(VERDICTS)
                claim.verdict = verdict
                claim.verdict_summary = text.verdict_summary(rng, str(verdict.label))
                claim.analysis = " ".join(text.sentence(rng) for _ in range(3))
                claim.checked_by = users["corpus-checker"]
                claim.state = ClaimState.CHECKED
            if reviewed:
                claim.review_state = AttributionReview.CONFIRMED
                claim.reviewed_by = users["corpus-reviewer"]
                claim.reviewed_at = when
        for quote in quotes:
            if reviewed and rng.random() < 0.8:
                quote.review_state = AttributionReview.CONFIRMED
                quote.reviewed_by = users["corpus-reviewer"]
                quote.reviewed_at = when
        if rng.random() < 0.1 and state != FactCheckState.PUBLISHED:
            return  # an article nobody has started checking yet
        fact_check = FactCheck(
            pk=self.ids.take(FactCheck),
            article=article,
            title=f"Fact-check: {article.headline}"[:300],
            slug=f"check-{slugify(article.headline)[:120]}-{article.pk}",
            summary=" ".join(text.sentence(rng) for _ in range(2)),
            state=state,
            submitted_by=users["corpus-editor"]
            if state != FactCheckState.DRAFT
            else None,
            submitted_at=when if state != FactCheckState.DRAFT else None,
            approved_by=users["corpus-publisher"] if checked and reviewed else None,
            created_at=article.created_at,
            updated_at=when,
            created_by=users["corpus-editor"],
        )
        chunk.add(fact_check)
        chunk.add_row(
            FactCheck.authors.through,
            self.ids.take(FactCheck.authors.through),
            fact_check.pk,
            users["corpus-checker"].pk,
        )
        for position, (claim, _citations) in enumerate(claims, start=1):
            chunk.add_row(
                FactCheckClaim,
                self.ids.take(FactCheckClaim),
                fact_check.pk,
                claim.pk,
                position,
            )
        if state == FactCheckState.PUBLISHED:
            self._publish(fact_check, article, mentions, quotes, claims, when, chunk)

    def _publish(self, fact_check, article, mentions, quotes, claims, when, chunk):
        rng = self.rng
        versions = 2 if rng.random() < SECOND_VERSION_SHARE else 1
        fact_check.first_published_at = when
        for number in range(1, versions + 1):
            published_at = when + datetime.timedelta(days=9 * (number - 1))
            self._version(
                fact_check,
                article,
                mentions,
                quotes,
                claims,
                number,
                published_at,
                is_current=number == versions,
                chunk=chunk,
            )
        if rng.random() < CORRECTION_SHARE:
            chunk.add(
                Correction(
                    pk=self.ids.take(Correction),
                    fact_check=fact_check,
                    kind=rng.choice(list(CorrectionKind)),
                    text=text.sentence(rng, 12, 25),
                    published_at=published_at + datetime.timedelta(hours=5),
                    created_at=published_at,
                    updated_at=published_at,
                    created_by=self.users["corpus-publisher"],
                )
            )

    def _version(
        self,
        fact_check,
        article,
        mentions,
        quotes,
        claims,
        number,
        published_at,
        *,
        is_current,
        chunk,
    ) -> None:
        composed = compose_snapshot(
            fact_check=fact_check,
            article=article,
            claims=claims,
            mentions=mentions,
            quotes=quotes,
            authors=[self.users["corpus-checker"]],
            number=number,
            published_at=published_at,
        )
        version = published_version_row(
            fact_check,
            composed,
            pk=self.ids.take(PublishedVersion),
            number=number,
            is_current=is_current,
            published_at=published_at,
            published_by=self.users["corpus-publisher"],
        )
        chunk.add(version)
        linked = {**composed.claimants, **composed.listed}
        for entity in linked.values():
            chunk.add_row(
                PublishedEntity,
                self.ids.take(PublishedEntity),
                version.pk,
                entity.pk,
                entity.name,
                entity.slug,
                entity.kind,
                entity.description,
                entity.wikidata_id,
                entity.same_as,
                self.alias_names.get(entity.pk, []),
                entity.pk in composed.listed,
                False,  # set for the whole corpus once it is written
            )
        for (claim, claimant, entities), data, (_claim, citations) in zip(
            composed.claim_entities, composed.claims_data, claims, strict=True
        ):
            published = published_claim_row(
                version,
                claim,
                claimant,
                data,
                pk=self.ids.take(PublishedClaim),
                published_at=published_at,
                is_listed=version.is_current,  # each claim is in one fact-check
            )
            chunk.add(published)
            for entity in entities:
                chunk.add_row(
                    PublishedClaim.entities.through,
                    self.ids.take(PublishedClaim.entities.through),
                    published.pk,
                    entity.pk,
                )
            for citation in citations:
                chunk.add_row(
                    PublishedCitation,
                    self.ids.take(PublishedCitation),
                    published.pk,
                    citation.pk,
                )

    # The run ------------------------------------------------------------------------

    WRITE_ORDER = (
        Article,
        Mention,
        Quote,
        Claim,
        Citation,
        FactCheck,
        FactCheck.authors.through,
        FactCheckClaim,
        PublishedVersion,
        PublishedEntity,
        PublishedClaim,
        PublishedClaim.entities.through,
        PublishedCitation,
        Correction,
    )

    def build_chunk(self, index: int) -> Chunk:
        """The rows of chunk ``index`` (articles ``index * CHUNK + 1`` on), from a
        random generator and id blocks of its own."""
        self.rng = random.Random(f"{self.seed}:{index}")  # noqa: S311
        self.ids = Ids(self.first_ids, index=index, per_article=ROWS_PER_ARTICLE)
        chunk = Chunk()
        first = index * CHUNK + 1
        last = min(first + CHUNK, self.article_total + 1)
        for number in range(first, last):
            self._article(number, chunk)
        chunk.articles = last - first
        return chunk

    def copy_payload(self, index: int) -> ChunkPayload:
        """Chunk ``index`` as COPY text per model (made in a building process)."""
        chunk = self.build_chunk(index)
        copies = []
        for position, model in enumerate(self.WRITE_ORDER):
            if model in chunk.tuples:
                rows = chunk.tuples[model]
                data = self.writer.rows_payload(rows)
                copies.append((position, data, len(rows.values)))
            elif chunk.rows.get(model):
                data = self.writer.payload(model, chunk.rows[model])
                copies.append((position, data, len(chunk.rows[model])))
        return ChunkPayload(articles=chunk.articles, copies=copies, **_ranges(chunk))

    def _write_chunk(self, chunk: Chunk) -> ChunkPayload:
        """Write a chunk of instances (bulk_create) in this process."""
        for model in self.WRITE_ORDER:
            if model in chunk.tuples:
                self.writer.write_rows(chunk.tuples[model])
            else:
                self.writer.write(model, chunk.rows.get(model, []))
        return ChunkPayload(articles=chunk.articles, **_ranges(chunk))

    def _copy(self, payload: ChunkPayload) -> None:
        for position, data, count in payload.copies:
            self.writer.copy(self.WRITE_ORDER[position], data, count)

    def _payloads(self) -> Iterator[ChunkPayload]:
        """Every chunk's payload, in order. On PostgreSQL with ``processes`` > 1, the
        chunks are built by a pool of forked processes (each has a copy of this
        builder, entities included, and uses no database connection) while this one
        sends the finished ones; at most two chunks a process wait, to bound memory."""
        count = -(-self.article_total // CHUNK)
        if not uses_copy():
            for index in range(count):
                yield self._write_chunk(self.build_chunk(index))
            return
        if self.processes == 1:
            for index in range(count):
                yield self.copy_payload(index)
            return
        global _POOL_BUILDER
        _POOL_BUILDER = self
        context = multiprocessing.get_context("fork")
        with context.Pool(self.processes, initializer=_refuse_queries) as pool:
            waiting = collections.deque()
            for index in range(count):
                waiting.append(pool.apply_async(_pool_copy_payload, (index,)))
                if len(waiting) > 2 * self.processes:
                    yield waiting.popleft().get()
            while waiting:
                yield waiting.popleft().get()
        _POOL_BUILDER = None

    def chunks(self) -> Iterator[int]:
        """Build and write the articles a chunk at a time; yield each chunk's size."""
        for payload in self._payloads():
            self._copy(payload)
            if payload.article_ids:
                first, last = payload.article_ids
                refresh_article_vectors(
                    Article.objects.filter(pk__gte=first, pk__lte=last)
                )
            if payload.versions:
                first, last = payload.versions
                refresh_search_vectors(
                    PublishedVersion.objects.filter(pk__gte=first, pk__lte=last)
                )
                refresh_search_vectors(
                    PublishedClaim.objects.filter(
                        version_id__gte=first, version_id__lte=last
                    )
                )
            yield payload.articles

    def run(self) -> dict[str, int]:
        """Write the whole corpus in one transaction; return row counts by model."""
        tables = [model._meta.db_table for model in (*self.WRITE_ORDER, Entity, Alias)]
        with transaction.atomic():
            dropped = drop_secondary_schema(tables)
            self.users = self._users()
            self.ids = Ids(first_free_ids([Entity, Alias]))
            self._entities()
            self.first_ids = first_free_ids(self.WRITE_ORDER)
            for size in self.chunks():
                if self.progress:
                    self.progress(size)
            restore_schema(dropped)
            refresh_latest_cards(e.pk for e in [*self.publications, *self.named])
            reset_sequences([Entity, Alias, *self.WRITE_ORDER])
        vacuum_analyze(tables)
        return {"rows": self.writer.rows_written}


@dataclass
class ChunkPayload:
    """A chunk ready to send: (position in WRITE_ORDER, COPY text, row count) per
    model, and the ranges of its articles' and published versions' ids (whose
    search vectors are written once the rows are in)."""

    articles: int
    copies: list[tuple[int, bytes, int]] = field(default_factory=list)
    article_ids: tuple[int, int] | None = None
    versions: tuple[int, int] | None = None


def _ranges(chunk: Chunk) -> dict[str, tuple[int, int] | None]:
    """The first and last id of the chunk's articles and published versions."""
    found = {}
    for name, model in (("article_ids", Article), ("versions", PublishedVersion)):
        ids = [row.pk for row in chunk.rows.get(model, [])]
        found[name] = (ids[0], ids[-1]) if ids else None
    return found


# The builder a forked pool process builds chunks with (set before the fork).
_POOL_BUILDER: CorpusBuilder | None = None


def _refuse_queries() -> None:
    """In a forked building process: any query would go down the parent's socket,
    in the middle of its conversation with the server; make it an error instead."""

    def refuse():
        raise RuntimeError("A process building corpus chunks must not query.")

    for wrapper in connections.all(initialized_only=True):
        wrapper.ensure_connection = refuse


def _pool_copy_payload(index: int) -> ChunkPayload:
    return _POOL_BUILDER.copy_payload(index)
