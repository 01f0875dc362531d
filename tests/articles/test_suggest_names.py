"""Name runs read the whole text's tokens: the same runs as tokenising each slice."""

from hypothesis import given, settings
from hypothesis import strategies as st

from suggest import names as nm
from suggest.analysis import NAME_TOKEN

WORDS = st.sampled_from(
    [
        "Ann",
        "Lee",
        "of",
        "the",
        "Bank",
        "Mr.",
        "U.S.",
        "O’Brien",
        "al-Burhan",
        "’s",
        "said",
        "CMSA",
        "3.5",
        ",",
        ".",
        "“",
        "”",
        "-",
        "(",
        ")",
        "_",
    ]
)
GAPS = st.sampled_from(["", " ", "  ", "\n", ", "])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(WORDS, GAPS), max_size=25),
    st.integers(0, 200),
    st.integers(0, 200),
)
def test_tokens_of_a_slice_are_the_slices_own(parts, a, b):
    text = "".join(word + gap for word, gap in parts)
    expected = [
        (m.start() + a, m.end() + a, m.group()) for m in NAME_TOKEN.finditer(text[a:b])
    ]
    tokens, capitalised = nm._tokens_between(text, a, b)
    assert tokens == expected
    assert capitalised == [nm._is_capitalised(t[2]) for t in expected]


def test_runs_in_a_sentence_of_a_longer_text():
    text = "Officials met. Ann Lee of the Bank of England said so. Mr. Obi agreed."
    start = text.index("Ann")
    end = text.index("so.")
    assert [n.text for n in nm.name_runs(text, start, end)] == [
        "Ann Lee",
        "Bank of England",
    ]
