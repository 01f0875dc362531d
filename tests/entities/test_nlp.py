"""The shared tokenisation stays linear on runs without whitespace."""

from pathlib import Path

from django.conf import settings

from suggest.analysis import analyse
from suggest.nlp import MAX_RUN, tokenizable
from suggest.text import sentences

SEED = Path(settings.BASE_DIR) / "articles/fixtures/seed/000_c55304a338bbe714.txt"


def test_ordinary_text_is_left_alone():
    text = SEED.read_text(encoding="utf-8")
    assert tokenizable(text) == text


def test_long_runs_are_broken_in_place():
    text = "x" * (3 * MAX_RUN) + " China"
    broken = tokenizable(text)
    assert len(broken) == len(text)
    assert broken[MAX_RUN] == " " and broken[:MAX_RUN] == "x" * MAX_RUN
    table = analyse(text).tokens
    assert table.words[-1] == "China" and table.starts[-1] == len(text) - 5


def test_a_wall_of_quotation_marks_reaches_the_tokenizer_broken_up():
    """spaCy's time is quadratic in a chunk's length; no chunk may exceed MAX_RUN."""
    wall = '"' * 20_000 + " China said so."
    table = analyse(wall).tokens
    found = sentences("'" * 20_000 + "\nChina said so.")
    chunks = analyse(wall).doc.text.split()
    assert max(len(chunk) for chunk in chunks) <= MAX_RUN
    assert table.words[-4:] == ["China", "said", "so", "."]
    assert found[-1].text == "China said so."
