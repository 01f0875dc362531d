"""The engine knows English and news writing, not the passages it is measured on."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "suggest"
DATA = ROOT / "tests" / "data"


def _engine_source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in ENGINE.glob("*.py"))


def _gold_people() -> set[str]:
    people = set()
    for path in DATA.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            passage = json.loads(line)
            text = passage["text"]
            for entity in passage["entities"]:
                if entity["kind"] == "person":
                    name = text[entity["start"] : entity["end"]]
                    if len(name.split()) >= 2:
                        people.add(name)
    return people


def test_no_person_from_the_passages_is_named_in_the_engine():
    source = _engine_source()
    named = sorted(
        p for p in _gold_people() if re.search(rf"\b{re.escape(p)}\b", source)
    )
    assert named == []


def test_the_lexicon_holds_no_invented_or_minor_name_from_the_passages():
    from suggest import lexicon

    words = lexicon.PLACES | lexicon.PUBLICATION_WORDS
    assert not {"Meridian", "Kourou", "Sfax", "Galway", "Aberdeen"} & words


def test_the_engine_imports_no_app():
    source = _engine_source()
    assert not re.search(r"^\s*from (articles|entities)\b", source, re.M)
    assert not re.search(r"^\s*import (articles|entities)\b", source, re.M)
    assert "django.db" not in source
