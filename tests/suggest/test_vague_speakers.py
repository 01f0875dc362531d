"""Every attribution to no one identifiable is flagged vague."""

import pytest

from suggest.quotes import find_quotes


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The bridge is unsafe, experts say.", "experts"),
        ("The minister will resign, sources said.", "sources"),
        ("Officials said the road would reopen on Monday.", "Officials"),
        ("The factory reportedly closed last week.", ""),
        ("It is understood that the deal was signed on Friday.", ""),
        ("The two men are said to have met in Paris.", ""),
        ("“We will appeal,” a spokesperson said.", "spokesperson"),
        ("According to people familiar with the matter, the deal fell.", "people"),
        ("An official said the talks had stalled.", "official"),
        (
            "A senior official, speaking on condition of anonymity, said the "
            "talks had stalled.",
            "official",
        ),
        ("“It was chaos,” a man who lives nearby said.", "man"),
        ("“It was chaos,” one resident told reporters.", "resident"),
        ("Those close to the minister say she will resign.", "Those"),
    ],
)
def test_a_vague_attribution_is_flagged(text, speaker):
    quotes = find_quotes(text)
    assert [(q.speaker, q.is_vague) for q in quotes] == [(speaker, True)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A spokesperson for the council said the road would reopen.", "the council"),
        ("“We won,” said a delighted Jane Roe.", "Jane Roe"),
        ("Jane Roe, who chairs the trust, said the road would reopen.", "Jane Roe"),
    ],
)
def test_a_named_source_is_not_vague(text, speaker):
    quotes = find_quotes(text)
    assert [(q.speaker, q.is_vague) for q in quotes] == [(speaker, False)]
