import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.models import Claim
from entities.models import Entity, EntityKind
from suggest.evaluation import (
    PassageError,
    Report,
    Score,
    format_report,
    parse_passages,
    score_passage,
    speaker_matches,
)
from tests.factories import AliasFactory, EntityFactory

DATA = Path(settings.BASE_DIR) / "tests" / "data"
DEV_SET = DATA / "dev_passages.jsonl"


def run(path) -> list[str]:
    out = StringIO()
    call_command("evaluate_suggestions", str(path), stdout=out)
    return out.getvalue().strip().splitlines()


# -- the scoring module on its own -------------------------------------------------


def test_score_arithmetic():
    score = Score(true_positives=3, predicted=4, gold=6)
    assert score.precision == 0.75
    assert score.recall == 0.5
    assert score.f1 == pytest.approx(0.6)
    assert Score().f1 == 0.0


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("Shehbaz Sharif", "shehbaz sharif", True),
        ("Amara Nwosu", "Nwosu", True),
        ("The Straits Ledger", "Straits Ledger", True),
        ("Émile Garnier", "Emile Garnier", True),
        ("experts", "experts", True),
        ("", "", True),
        ("Global Times", "PTI", False),
        ("", "PTI", False),
        # Whole words only: a character substring is a different speaker.
        ("US", "Russia", False),
        ("Li", "Eli Lilly", False),
        ("Ed Miles", "Eddie Miles", False),
        ("Ana", "Banana Republic Group", False),
        # A surname (or the trailing words) stands for the full name.
        ("Nwosu", "Amara Nwosu", True),
        ("Amara Nwosu", "Nwosu", True),
        ("Garcia Marquez", "Gabriel Garcia Marquez", True),
        # A first name alone is not the person; honorifics are dropped.
        ("Amara", "Amara Nwosu", False),
        ("Dr Amara Nwosu", "Amara Nwosu", True),
        ("Prof. Nwosu", "Amara Nwosu", True),
        ("Mr Sharif", "Shehbaz Sharif", True),
        ("Dr", "Amara Nwosu", False),
        ("", "Amara Nwosu", False),
        ("Amara Nwosu", "", False),
    ],
)
def test_speaker_matching(gold, predicted, expected):
    assert speaker_matches(gold, predicted) is expected
    assert speaker_matches(predicted, gold) is expected


def test_speaker_matching_through_registry_aliases():
    def same_entity(a, b):
        return {a, b} == {"CMSA", "China Manned Space Agency"}

    assert speaker_matches("China Manned Space Agency", "CMSA", same_entity)
    assert not speaker_matches("China Manned Space Agency", "CMSA")


def test_score_passage_rules():
    text = "Lucia Ferreyra said the orbiter would launch in March 2027."
    passage = {
        "id": "x",
        "text": text,
        "entities": [{"start": 0, "end": 14, "kind": "person"}],
        "quotes": [{"start": 20, "end": 58, "speaker": "Lucia Ferreyra"}],
        "claims": [{"start": 0, "end": 59}],
    }
    report = score_passage(
        passage,
        entities=[(0, 5, "person"), (20, 27, "object")],
        quotes=[(20, 40, "Ferreyra"), (40, 58, "Someone")],
        claims=[(10, 20)],
    )
    assert report.entities_strict.true_positives == 0
    assert report.entities_lenient.true_positives == 1
    assert report.entities_lenient.predicted == 2
    # Only one prediction may take the gold quote; the one covering half does.
    assert report.quotes.true_positives == 1
    assert report.speaker_accuracy == 1.0
    assert report.claims.f1 == 1.0


def test_a_prediction_covering_less_than_half_a_quote_misses_it():
    passage = {
        "id": "x",
        "text": "a" * 100,
        "entities": [],
        "quotes": [{"start": 0, "end": 100, "speaker": "X"}],
        "claims": [],
    }
    report = score_passage(passage, entities=[], quotes=[(0, 49, "X")], claims=[])
    assert report.quotes.true_positives == 0


def test_format_report_ends_with_json():
    lines = format_report(Report())
    assert json.loads(lines[-1])["quotes"]["f1"] == 0.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "x"}\n{not json\n', "line 2: not valid JSON"),
        ('{"id": "a"}\n', 'line 1: needs "id" and "text"'),
        ('\n\n["a list"]\n', "line 3: expected a JSON object"),
        (
            '{"id": "a", "text": "abc", "entities": [{"start": 1, "end": 9, '
            '"kind": "person"}]}\n',
            'line 1: "entities" span 1-9 does not fit the text',
        ),
        (
            '{"id": "a", "text": "abc", "entities": [{"start": 0, "end": 2, '
            '"kind": "planet"}]}\n',
            "line 1: unknown entity kind 'planet'",
        ),
        (
            '{"id": "a", "text": "abc", "quotes": [{"start": 0, "end": "2"}]}\n',
            'line 1: "quotes" items need integer',
        ),
    ],
)
def test_parse_errors_name_the_line(content, message):
    with pytest.raises(PassageError, match=message):
        parse_passages(content.splitlines())


# -- the development set -------------------------------------------------------------


def test_the_committed_dev_set_is_what_the_generator_writes(tmp_path):
    script = DATA / "build_dev_set.py"
    source = DATA / "dev_passages.txt"
    sys.path.insert(0, str(DATA))
    try:
        import build_dev_set
    finally:
        sys.path.remove(str(DATA))
    built = build_dev_set.parse_source(source.read_text(encoding="utf-8"))
    committed = parse_passages(DEV_SET.read_text(encoding="utf-8").splitlines())
    assert built == committed
    assert len(committed) >= 24
    assert script.is_file()


def test_the_dev_set_covers_every_kind_and_attribution_form():
    passages = parse_passages(DEV_SET.read_text(encoding="utf-8").splitlines())
    kinds = {e["kind"] for p in passages for e in p["entities"]}
    assert kinds == {
        "person",
        "organization",
        "publication",
        "place",
        "object",
        "event",
    }
    texts = "\n".join(p["text"] for p in passages)
    for form in (
        "According to",
        "As per",
        "said that",
        "told Reuters",
        "he said",
        "she added",
        "experts say",
        "sources familiar with the matter said",
        "officials said",
        "reportedly",
        "“",
        "«",
        "‘",
        '"',
    ):
        assert form in texts, form


# -- the command -----------------------------------------------------------------------


@pytest.mark.django_db
def test_command_on_the_dev_set_prints_figures_and_json():
    before = (Entity.objects.count(), Claim.objects.count())

    lines = run(DEV_SET)

    assert lines[0] == "Passages: 75"
    assert any(line.startswith("Entities (strict)") for line in lines)
    assert any(line.startswith("Quote speakers") for line in lines)
    figures = json.loads(lines[-1])
    assert figures["passages"] == 75
    # Levels the engine reaches on the development set (see the report).
    assert figures["quotes"]["f1"] >= 0.9
    assert figures["quotes"]["speaker_accuracy"] >= 0.9
    assert figures["claims"]["recall"] >= 0.9
    assert figures["claims"]["f1"] >= 0.85
    assert figures["entities_lenient"]["f1"] >= 0.8
    assert figures["entities_strict"]["f1"] >= 0.7
    assert (Entity.objects.count(), Claim.objects.count()) == before


@pytest.mark.django_db
def test_command_uses_the_registry(tmp_path):
    entity = EntityFactory(name="Andean Space Agency", kind=EntityKind.ORGANIZATION)
    AliasFactory(entity=entity, name="AEA")
    passage = {
        "id": "registry",
        "text": "“We are ready,” said the AEA on Monday in Lima.",
        "entities": [{"start": 25, "end": 28, "kind": "organization"}],
        "quotes": [{"start": 1, "end": 13, "speaker": "Andean Space Agency"}],
        "claims": [],
    }
    file = tmp_path / "registry_passage.jsonl"
    file.write_text(json.dumps(passage) + "\n", encoding="utf-8")
    figures = json.loads(run(file)[-1])
    assert figures["entities_strict"]["tp"] == 1
    assert figures["quotes"]["speaker_accuracy"] == 1.0


@pytest.mark.django_db
def test_command_refuses_a_malformed_file(tmp_path):
    good = DEV_SET.read_text(encoding="utf-8").splitlines()[0]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good + "\n" + '{"id": "b", "text": 5}\n', encoding="utf-8")

    with pytest.raises(CommandError, match=r"line 2: needs \"id\" and \"text\""):
        run(bad)


@pytest.mark.django_db
def test_command_refuses_a_missing_or_empty_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "missing.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no passages"):
        run(empty)


def test_the_generator_script_finds_the_jsonl_up_to_date():
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(DATA / "build_dev_set.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_command_explains_a_missing_entity_engine(monkeypatch):
    monkeypatch.setitem(sys.modules, "entities.matcher", None)

    with pytest.raises(CommandError, match="entity matcher is not available"):
        run(DEV_SET)


def test_passage_misses_lists_each_quote_and_claim_error():
    from suggest.evaluation import passage_misses

    text = "Rates rose 2% in May, Jane Roe said. Prices fell 3% in June."
    passage = {
        "id": "x1",
        "text": text,
        "entities": [],
        "quotes": [{"start": 0, "end": 20, "speaker": "Jane Roe"}],
        "claims": [{"start": 37, "end": 60}],
    }
    lines = passage_misses(passage, quotes=[(0, 20, "Roe")], claims=[(0, 36)])
    assert lines == [
        "x1  claim missed: Prices fell 3% in June.",
        "x1  claim extra: Rates rose 2% in May, Jane Roe said.",
    ]
    lines = passage_misses(passage, quotes=[(0, 20, "May")], claims=[(37, 60)])
    assert lines == ["x1  speaker 'May' for 'Jane Roe': Rates rose 2% in May"]


@pytest.mark.django_db
def test_the_command_lists_misses_on_request(tmp_path):
    path = tmp_path / "one.jsonl"
    text = "Prices fell 3% in June, the office said."
    path.write_text(
        json.dumps(
            {"id": "m1", "text": text, "entities": [], "quotes": [], "claims": []}
        )
        + "\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("evaluate_suggestions", str(path), "--misses", stdout=out)
    lines = out.getvalue().splitlines()
    assert "m1  claim extra: Prices fell 3% in June, the office said." in lines
    assert "m1  quote extra ('the office'): Prices fell 3% in June" in lines
    assert not any(line.startswith("m1") for line in run(path))
