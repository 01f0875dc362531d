"""The seed article ships fully tagged and checked: load_seed, twice, from FACTS.md."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from articles import seed_data
from articles.models import (
    Article,
    Citation,
    Claim,
    FactCheck,
    FactCheckClaim,
    FactCheckState,
    Mention,
    Quote,
    QuoteKind,
    Verdict,
)
from entities.models import Alias, Entity, EntityKind

pytestmark = pytest.mark.django_db

SEED_MODELS = [
    Entity,
    Alias,
    Article,
    Mention,
    Quote,
    Claim,
    Citation,
    FactCheck,
    FactCheckClaim,
]

# FACTS.md, "Entities in the article", as name → kind.
FACTS_ENTITIES = {
    "Shehbaz Sharif": EntityKind.PERSON,
    "China Manned Space Agency": EntityKind.ORGANIZATION,
    "CMSA": EntityKind.ORGANIZATION,
    "Space and Upper Atmosphere Research Commission": EntityKind.ORGANIZATION,
    "SUPARCO": EntityKind.ORGANIZATION,
    "Global Times": EntityKind.PUBLICATION,
    "PTI": EntityKind.PUBLICATION,
    "Press Trust of India": EntityKind.PUBLICATION,
    "The Times of India": EntityKind.PUBLICATION,
    "China": EntityKind.PLACE,
    "Pakistan": EntityKind.PLACE,
    "Islamabad": EntityKind.PLACE,
    "Beijing": EntityKind.PLACE,
    "United States": EntityKind.PLACE,
    "US": EntityKind.PLACE,
    "Moon": EntityKind.PLACE,
    "Tiangong": EntityKind.OBJECT,
    "International Space Station": EntityKind.OBJECT,
    "ISS": EntityKind.OBJECT,
    "Badr-1": EntityKind.OBJECT,
    "Long March 2E": EntityKind.OBJECT,
    "Chang’e-6": EntityKind.OBJECT,
    "ICUBE-Q": EntityKind.OBJECT,
}


def facts_addresses() -> set[str] | None:
    """The http(s) addresses FACTS.md lists, or None when no copy is at hand."""
    candidates = [
        seed_data.FACTS_FILE,
        Path(settings.BASE_DIR).parent / "shared" / "seed" / "FACTS.md",
    ]
    for path in candidates:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            return {url.rstrip(").,") for url in re.findall(r"https?://\S+", text)}
    return None


@pytest.fixture
def seed(db):
    call_command("load_seed", stdout=StringIO())
    return Article.objects.get(original_url=seed_data.ARTICLE["original_url"])


def counts():
    return {model.__name__: model.objects.count() for model in SEED_MODELS}


def history_counts():
    return {model.__name__: model.history.count() for model in SEED_MODELS}


def test_seed_article_is_the_shipped_text_byte_for_byte(seed):
    shipped = seed_data.ARTICLE_FILE.read_text(encoding="utf-8")
    assert seed.body == shipped
    assert seed.headline.startswith("China for first time to send foreign national")
    assert seed.publication.name == "The Times of India"
    assert str(seed.published_on) == "2025-02-28"
    assert "delhinewsdaily.com" in seed.original_url
    assert seed.language == "en"


def test_loading_twice_leaves_the_same_rows_and_records_no_history(seed):
    before, history_before = counts(), history_counts()
    call_command("load_seed", stdout=StringIO())
    assert counts() == before
    assert history_counts() == history_before
    assert before["Mention"] >= 35
    assert before["Quote"] == 5
    assert before["Claim"] >= 9


def test_every_span_matches_the_body_and_validates(seed):
    body = seed.body
    spans = [*seed.mentions.all(), *seed.quotes.all(), *seed.claims.all()]
    assert len(spans) > 40
    for span in spans:
        if span.has_span:
            assert body[span.start : span.end] == span.exact
            assert body[: span.start].endswith(span.prefix)
            assert body[span.end :].startswith(span.suffix)
        span.full_clean()
    for quote in seed.quotes.all():
        assert body[quote.cue_start : quote.cue_end] == quote.cue


def test_every_entity_in_the_facts_list_exists_with_its_kind(seed):
    for name, kind in FACTS_ENTITIES.items():
        matches = Entity.objects.filter(name=name) | Entity.objects.filter(
            aliases__name=name
        )
        entity = matches.distinct().get()
        assert entity.kind == kind, name
    assert Entity.objects.get(name="Badr-1").aliases.filter(name="Badr-A").exists()
    assert (
        Entity.objects.get(name="Press Trust of India")
        .aliases.filter(name="PTI")
        .exists()
    )


def test_wikidata_ids_are_well_formed_where_given(seed):
    for entity in Entity.objects.exclude(wikidata_id=""):
        entity.full_clean()
    assert Entity.objects.get(name="China").wikidata_id == "Q148"


def registry_occurrences(body: str) -> set[tuple[int, int, int]]:
    """(start, end, entity id) of whole-word registry names not inside longer ones."""
    names = [(entity.name, entity.pk) for entity in Entity.objects.all()]
    names += [(alias.name, alias.entity_id) for alias in Alias.objects.all()]
    hits = set()
    for name, entity_id in names:
        for match in re.finditer(re.escape(name), body):
            start, end = match.span()
            before = body[start - 1] if start else " "
            after = body[end] if end < len(body) else " "
            if not before.isalnum() and not after.isalnum():
                hits.add((start, end, entity_id))
    return {
        hit
        for hit in hits
        if not any(
            other[0] <= hit[0]
            and hit[1] <= other[1]
            and (other[1] - other[0]) > (hit[1] - hit[0])
            for other in hits
        )
    }


def test_every_registry_name_in_the_body_is_tagged(seed):
    tagged = set(seed.mentions.values_list("start", "end", "entity_id"))
    expected = registry_occurrences(seed.body)
    assert expected - tagged == set()
    china = Entity.objects.get(name="China")
    assert seed.mentions.filter(entity=china).count() == seed.body.count("China") - 1
    assert seed.mentions.filter(entity__name="Global Times").count() == 2
    assert seed.mentions.filter(entity__name="Pakistan").count() == 5
    assert seed.mentions.filter(entity__slug="china-manned-space-agency").count() == 3


def test_demonyms_and_possessives_are_not_part_of_a_mention(seed):
    assert not seed.mentions.filter(exact__in=["Chinese", "Pakistani"]).exists()
    assert not seed.mentions.filter(exact__endswith="’s").exists()
    cubesat = seed.mentions.get(exact="CubeSat")
    assert cubesat.entity.name == "ICUBE-Q"


def test_the_five_attributions_including_the_vague_one(seed):
    quotes = {
        (q.cue, q.speaker.name if q.speaker else None): q for q in Quote.objects.all()
    }
    cmsa = quotes[("According to", "China Manned Space Agency")]
    assert cmsa.kind == QuoteKind.INDIRECT
    direct = quotes[("reported", "Global Times")]
    assert direct.kind == QuoteKind.DIRECT
    assert direct.exact.startswith("This signifies a major step")
    selection = quotes[("According to", "Global Times")]
    assert "around a year" in selection.exact
    assert quotes[("As per", "Press Trust of India")].kind == QuoteKind.INDIRECT
    vague = quotes[("experts say", None)]
    assert vague.is_vague
    assert Quote.objects.filter(is_vague=True).count() == 1


def test_claims_have_verdicts_summaries_and_citations(seed):
    claims = list(seed.claims.prefetch_related("citations"))
    assert len(claims) >= 9
    for claim in claims:
        assert claim.verdict and claim.verdict_summary and claim.analysis
        assert claim.citations.all(), claim.statement
        assert claim.effective_speaker is not None
        claim.full_clean()


def test_wrong_and_outdated_statements_get_the_right_verdicts(seed):
    earlier = seed.claims.get(exact__startswith="earlier this year")
    assert earlier.verdict not in {Verdict.TRUE, Verdict.FALSE}
    by_2025 = seed.claims.get(exact__endswith="lunar surface by 2025")
    assert by_2025.verdict == Verdict.OUTDATED
    assert by_2025.recheck_on is not None
    iss = seed.claims.get(exact__contains="excluded from the International")
    assert iss.verdict == Verdict.MIXED
    assert "Wolf Amendment" in iss.analysis
    assert seed.claims.get(exact__contains="before 2030").recheck_on.year == 2030
    assert seed.claims.get(exact__contains="foreign national").recheck_on


def test_every_citation_address_comes_from_the_desk_research(seed):
    addresses = facts_addresses()
    if addresses is None:
        pytest.skip("FACTS.md is not available")
    cited = set(Citation.objects.values_list("url", flat=True))
    assert cited - addresses <= seed_data.VERIFIED_ADDRESSES
    assert not seed_data.VERIFIED_ADDRESSES & addresses
    by_verified = Claim.objects.filter(
        citations__url__in=seed_data.VERIFIED_ADDRESSES
    ).distinct()
    assert {claim.verdict for claim in by_verified} <= {Verdict.TRUE, Verdict.MIXED}


def test_fact_check_is_a_draft_with_its_claims_in_order(seed):
    fact_check = FactCheck.objects.get()
    assert fact_check.state == FactCheckState.DRAFT
    assert fact_check.summary
    ordered = list(fact_check.ordered_claims())
    assert len(ordered) == seed.claims.count()
    assert [c.statement for c in ordered] == [c["statement"] for c in seed_data.CLAIMS]


def test_the_editor_is_credited_when_present(db):
    editor = get_user_model().objects.create_user("editor", password="x-pass-12345")
    call_command("load_seed", stdout=StringIO())
    assert set(Claim.objects.values_list("checked_by", flat=True)) == {editor.pk}
    assert list(FactCheck.objects.get().authors.all()) == [editor]
    assert Article.objects.get().created_by == editor


def test_create_demo_users_refuses_outside_the_demo_settings(db, settings):
    settings.DEBUG = True  # DEBUG alone does not make a server a local demo
    with pytest.raises(CommandError, match="not the local demo's"):
        call_command("create_demo_users")
    assert not get_user_model().objects.filter(username="admin").exists()


def test_create_demo_users_is_idempotent_and_sets_roles(db, settings, client):
    settings.DEMO_ACCOUNTS_ALLOWED = True
    call_command("create_demo_users", stdout=StringIO())
    call_command("create_demo_users", "--force", stdout=StringIO())
    users = get_user_model().objects.filter(
        username__in=["admin", "editor", "reviewer", "publisher"]
    )
    assert users.count() == 4
    assert all(user.is_staff for user in users)
    assert users.get(username="admin").is_superuser
    roles = {
        user.username: sorted(user.groups.values_list("name", flat=True))
        for user in users
    }
    assert roles == {
        "admin": [],
        "editor": ["Editor"],
        "reviewer": ["Reviewer"],
        "publisher": ["Publisher"],
    }
    # Through the login form: the login throttle needs a request to count attempts.
    response = client.post(
        reverse("admin:login"),
        {"username": "publisher", "password": "publisher-demo-pass"},
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_demo_flag_needs_the_demo_users(db, settings):
    with pytest.raises(CommandError, match="create_demo_users"):
        call_command("load_seed", "--demo", verbosity=0)
    assert Article.objects.count() == 0
    call_command("create_demo_users", "--force", stdout=StringIO())
    call_command("load_seed", "--demo", stdout=StringIO())
    assert FactCheck.objects.count() == 1


def test_a_seed_that_does_not_fit_the_text_leaves_nothing_behind(db, monkeypatch):
    broken = {**seed_data.CLAIMS[-1], "statement": "x", "text": "not in the text"}
    monkeypatch.setattr(seed_data, "CLAIMS", [*seed_data.CLAIMS, broken])
    with pytest.raises(CommandError, match="nothing was loaded.*does not appear"):
        call_command("load_seed", stdout=StringIO())
    assert set(counts().values()) == {0}


def _changed_seed_text(tmp_path, monkeypatch, new_text):
    changed = tmp_path / "seed.txt"
    changed.write_text(new_text, encoding="utf-8")
    monkeypatch.setattr(seed_data, "ARTICLE_FILE", changed)


def test_a_changed_seed_text_reanchors_the_desks_own_spans(tmp_path, monkeypatch):
    from tests.factories import EntityFactory, MentionFactory

    call_command("create_demo_users", "--force", stdout=StringIO())
    call_command("load_seed", stdout=StringIO())
    article = Article.objects.get()
    added = MentionFactory(
        article=article, entity=EntityFactory(name="Desk Added"), text="Tiangong"
    )
    note = "Editor's note: this text was updated.\n"
    _changed_seed_text(tmp_path, monkeypatch, note + article.body)

    call_command("load_seed", stdout=StringIO())

    article.refresh_from_db()
    added.refresh_from_db()
    assert article.body.startswith(note)
    assert article.body[added.start : added.end] == "Tiangong"
    assert (added.start, added.end) == (
        article.body.index("Tiangong"),
        article.body.index("Tiangong") + len("Tiangong"),
    )
    assert Mention.objects.filter(article=article, start__lt=len(note)).count() == 0
    assert article.history.first().history_user.username == "editor"


def test_a_changed_seed_text_needs_its_author(seed, tmp_path, monkeypatch):
    body = seed.body
    _changed_seed_text(tmp_path, monkeypatch, "Updated.\n" + body)

    with pytest.raises(CommandError, match="seed author"):
        call_command("load_seed", stdout=StringIO())
    seed.refresh_from_db()
    assert seed.body == body
