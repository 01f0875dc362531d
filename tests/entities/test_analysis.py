"""The shared text analysis: one per article, and the same sentences as spaCy's."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entities.matcher import RegistryMatcher
from suggest.analysis import TextAnalysis, analyse
from suggest.nlp import get_nlp

ARTICLE = (
    "Officials at the Andean Space Agency (AEA) said on Monday that the launch "
    "would slip to March 2027. “We are ready,” said Lucia Ferreyra. The mission "
    "has cost $214 million, alos twice the estimate.\n\n"
    "Experts say the delay is the longest yet, according to the Daily Standard."
)


def fresh(text):
    """A text no earlier test has analysed (the cache is keyed by the text)."""
    fresh.counter += 1
    return f"{text} ({fresh.counter})"


fresh.counter = 0


def test_every_finder_reads_one_analysis_per_article(monkeypatch):
    """Entities, spelling, quotes and claims share one tokenisation of an article."""
    from suggest.candidates import find_new_entities
    from suggest.claims import find_claims
    from suggest.quotes import find_quotes
    from suggest.spelling import copy_desk_flags

    matcher = RegistryMatcher.from_names([("Andean Space Agency", 1), ("AEA", 1)])
    tokenised = []
    nlp = get_nlp()
    real_make_doc = nlp.make_doc
    monkeypatch.setattr(
        nlp, "make_doc", lambda text: tokenised.append(text) or real_make_doc(text)
    )
    text = fresh(ARTICLE)
    before = analyse.cache_info().misses

    mentions = matcher.find(text)
    find_new_entities(text, known=mentions)
    copy_desk_flags(text, known_names=[m.text for m in mentions])
    quotes = find_quotes(text)
    claims = find_claims(text)

    assert analyse.cache_info().misses == before + 1
    assert tokenised == [text]  # one tokenisation; sentences come from its tokens
    assert [m.text for m in mentions] == ["Andean Space Agency", "AEA"]
    assert any(q.speaker == "Lucia Ferreyra" for q in quotes)
    assert claims


def test_a_second_article_gets_its_own_analysis():
    first, second = fresh(ARTICLE), fresh(ARTICLE)
    before = analyse.cache_info().misses
    assert analyse(first) is analyse(first)
    assert analyse(second) is not analyse(first)
    assert analyse.cache_info().misses == before + 2


def test_parts_are_computed_only_when_read():
    text_analysis = TextAnalysis(fresh(ARTICLE))
    assert "doc" not in vars(text_analysis)
    text_analysis.paragraphs  # noqa: B018
    assert "doc" not in vars(text_analysis)  # paragraphs need no tokens


def reference_bounds(text):
    """Sentence bounds as the pipeline gives them: the sentencizer per paragraph."""
    bounds = []
    for paragraph in TextAnalysis(text).paragraphs:
        for sent in get_nlp()(paragraph.text).sents:
            bounds.append(
                (paragraph.start + sent.start_char, paragraph.start + sent.end_char)
            )
    return bounds


PIECES = st.sampled_from(
    [
        "word",
        "Word",
        "a",
        "U.S.",
        "Mr.",
        "a.m.",
        "etc.",
        "don't",
        "it’s",
        "e.g.",
        "3.5",
        "1,000",
        "$5",
        "ICUBE-Q",
        ".",
        "!",
        "?",
        "?!",
        "...",
        "…",
        ",",
        ";",
        ":",
        "'",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "(",
        ")",
        "-",
        "—",
        "–",
        "。",
        "x@y.org",
        "http://a.b/c.",
    ]
)
GAPS = st.sampled_from(["", " ", " ", " ", "  ", "\n", "\n\n", " \n ", "\t", "\u00a0"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(PIECES, GAPS), max_size=40))
def test_sentences_are_those_of_the_sentencizer_run_per_paragraph(parts):
    text = "".join(piece + gap for piece, gap in parts)
    assert TextAnalysis(text)._sentence_bounds() == reference_bounds(text)


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        ARTICLE.replace("’", "'").replace("“", '"').replace("”", '"'),
        "“Why now?” asked Jones. He left.\n\n“It is late,\n\n“said he.",
        "  \n\n ",
        "",
    ],
)
def test_sentences_on_articles_match_the_sentencizer(text):
    assert TextAnalysis(text)._sentence_bounds() == reference_bounds(text)
