from pathlib import Path

import pytest
from django.conf import settings

from suggest.quotes import find_quotes

SEED_NAME = "000_c55304a338bbe714.txt"


def seed_text() -> str:
    for folder in (
        Path(settings.BASE_DIR) / "articles" / "fixtures" / "seed",
        Path("/work/shared/seed"),
    ):
        if (folder / SEED_NAME).is_file():
            return (folder / SEED_NAME).read_text(encoding="utf-8")
    pytest.skip("the seed article is not available")


def only(text: str):
    quotes = find_quotes(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def quote_with(text: str, words: str):
    for quote in find_quotes(text):
        if words in quote.text:
            return quote
    raise AssertionError(f"no quote containing {words!r} in {find_quotes(text)}")


@pytest.mark.parametrize(
    ("text", "quoted", "speaker", "cue", "kind"),
    [
        # Cue after the quote, speaker first.
        (
            "“Prices will fall by spring,” Anna Berg said on Monday.",
            "Prices will fall by spring",
            "Anna Berg",
            "said",
            "direct",
        ),
        # Cue after, inverted, with a title and organisation.
        (
            "“We are ready for the storm,” said Tom Okafor, head of the Lagos "
            "Port Authority.",
            "We are ready for the storm",
            "Tom Okafor",
            "said",
            "direct",
        ),
        # A publication as the speaker: "…," reported Global Times.
        (
            "“The launch went perfectly,” reported Coastal Tribune, citing no one.",
            "The launch went perfectly",
            "Coastal Tribune",
            "reported",
            "direct",
        ),
        # Cue before the quote.
        (
            'Mayor Ruth Adams said, "The new tram line opens in May."',
            "The new tram line opens in May.",
            "Ruth Adams",
            "said",
            "direct",
        ),
        # Cue before with a colon.
        (
            "Coach Ivan Petrov put it simply: «We lost because we were slow.»",
            "We lost because we were slow.",
            "Ivan Petrov",
            "put it simply",
            "direct",
        ),
        # Said that.
        (
            "Finance Minister Lena Vogt said on Tuesday that the deficit would "
            "narrow to 2% next year.",
            "the deficit would narrow to 2% next year",
            "Lena Vogt",
            "said",
            "indirect",
        ),
        # According to.
        (
            "According to the Road Safety Council (RSC), deaths fell by a fifth "
            "in 2024.",
            "deaths fell by a fifth in 2024",
            "Road Safety Council",
            "According to",
            "indirect",
        ),
        # As per.
        (
            "As per the news agency PTI, the talks will resume next week.",
            "the talks will resume next week",
            "PTI",
            "As per",
            "indirect",
        ),
        # Told <agency> that.
        (
            "Governor Sam Reyes told Reuters that the dam was safe.",
            "the dam was safe",
            "Sam Reyes",
            "told",
            "indirect",
        ),
        # Trailing attribution after the clause.
        (
            "Exports rose 4% in March, the statistics office said.",
            "Exports rose 4% in March",
            "the statistics office",
            "said",
            "indirect",
        ),
    ],
)
def test_attribution_forms(text, quoted, speaker, cue, kind):
    quote = only(text)
    assert quote.text == quoted
    assert quote.speaker == speaker
    assert quote.cue == cue
    assert quote.kind == kind
    assert text[quote.start : quote.end] == quote.text
    assert text[quote.cue_start : quote.cue_end] == cue
    assert not quote.is_vague


def test_cue_inside_a_quote_gives_both_halves_the_speaker():
    text = (
        "Defender Luis Mora was sent off in the 80th minute.\n\n"
        "“I touched the ball first,” he said, “and the referee saw it differently.”"
    )
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == [
        "I touched the ball first",
        "and the referee saw it differently.",
    ]
    assert {q.speaker for q in quotes} == {"Luis Mora"}


def test_quote_over_several_paragraphs_is_one_quote():
    text = (
        "Chief executive Mia Lund spoke to investors in Oslo.\n\n"
        "“We will close two plants. It is a hard choice.\n\n"
        "“But the market has changed and we must change with it.\n\n"
        "“Nobody will be left without support,” she said."
    )
    quote = only(text)
    assert quote.text.startswith("We will close two plants.")
    assert quote.text.endswith("Nobody will be left without support")
    assert quote.speaker == "Mia Lund"


def test_pronouns_resolve_to_the_named_speaker():
    text = (
        "Health Secretary Rachel Ames visited the ward on Monday. “Nurses here work "
        "miracles every day,” she said. The money would pay for 40 beds, she added."
    )
    quotes = find_quotes(text)
    assert [q.speaker for q in quotes] == ["Rachel Ames", "Rachel Ames"]
    assert text[quotes[0].speaker_start : quotes[0].speaker_end] == "Rachel Ames"


def test_the_minister_is_the_last_person_with_that_title():
    text = (
        "Transport Minister Karim Belhadj opened the line. Critic Ana Ruiz was "
        'unimpressed. "The budget simply is not there," the minister admitted.'
    )
    assert quote_with(text, "budget").speaker == "Karim Belhadj"


def test_surname_and_acronym_expand_to_the_fullest_name():
    text = (
        "Dr Amara Nwosu leads the World Health Organization (WHO) in Africa. "
        "Dr Nwosu said that the first shipment had arrived. The WHO said it would "
        "send 3 million more doses."
    )
    quotes = find_quotes(text)
    assert quotes[0].speaker == "Amara Nwosu"
    assert quotes[1].speaker == "World Health Organization"


def test_nested_attribution_credits_the_person_whose_words_they_are():
    text = (
        "The Daily Courier reported on Tuesday that Transport Minister Karim "
        "Belhadj had told officials the railway would be delayed until 2031."
    )
    quote = only(text)
    assert quote.speaker == "Karim Belhadj"
    assert quote.text == "the railway would be delayed until 2031"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "The regulator will fine the bank $2 million, sources said.",
            "sources",
            "said",
        ),
        ("Such a fine would be the largest ever, experts say.", "experts", "say"),
        ("At least 12 people died in the floods, officials said.", "officials", "said"),
        ("The firm has reportedly set aside €600 million for fines.", "", "reportedly"),
        (
            "It is understood that the club will sell its stadium.",
            "",
            "It is understood that",
        ),
        ("Analysts said a profit warning was likely next month.", "Analysts", "said"),
        (
            "This move, experts say, shows the plan is working.",
            "experts",
            "experts say",
        ),
    ],
)
def test_vague_attributions_are_flagged(text, speaker, cue):
    quote = only(text)
    assert quote.is_vague
    assert quote.speaker == speaker
    assert quote.cue == cue


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("“Curly quotes work,” said Ann Lee.", "Curly quotes work"),
        ('"Straight quotes work," said Ann Lee.', "Straight quotes work"),
        (
            "‘We’ve waited and we won’t wait more,’ said Ann Lee.",
            "We’ve waited and we won’t wait more",
        ),
        ("«Guillemets work too», said Ann Lee.", "Guillemets work too"),
    ],
)
def test_every_quotation_mark_style(text, quoted):
    quote = only(text)
    assert quote.text == quoted
    assert quote.speaker == "Ann Lee"
    assert quote.kind == "direct"


@pytest.mark.parametrize(
    "text",
    [
        "Police told residents to stay indoors.",
        'The "smart" meters were installed in 2020.',
        "Asked whether he would resign, Smith said no.",
        "The bridge was closed for repairs on Monday.",
    ],
)
def test_no_quote_where_there_is_none(text):
    assert find_quotes(text) == []


def test_the_seed_five_attributions():
    text = seed_text()
    quotes = find_quotes(text)

    cmsa = quote_with(text, "both nations will collaborate")
    assert cmsa.kind == "indirect" and cmsa.cue == "According to"
    assert text[cmsa.speaker_start : cmsa.speaker_end] == "CMSA"
    assert cmsa.speaker in {"CMSA", "China Manned Space Agency"}

    direct = quote_with(text, "This signifies a major step")
    assert direct.kind == "direct"
    assert direct.text == (
        "This signifies a major step in China’s international space cooperation"
    )
    assert direct.speaker == "Global Times" and direct.cue == "reported"

    selection = quote_with(text, "the selection of the astronaut")
    assert selection.speaker == "Global Times" and selection.cue == "According to"

    pti = quote_with(text, "the agreement further solidifies")
    assert pti.speaker == "PTI" and pti.cue == "As per"
    assert text[pti.speaker_start : pti.speaker_end] == "PTI"

    experts = quote_with(text, "demonstrates the reliability")
    assert experts.is_vague and experts.speaker == "experts"

    named = [q for q in quotes if not q.is_vague]
    assert {q.speaker for q in named} <= {
        "CMSA",
        "China Manned Space Agency",
        "Global Times",
        "PTI",
    }
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.django_db
def test_the_seed_editorial_record_is_suggested():
    """Every quote in the loaded seed record is found with its span and speaker."""
    from io import StringIO

    from django.core.management import call_command

    from articles.models import Article
    from suggest.evaluation import speaker_matches

    call_command("load_seed", stdout=StringIO())
    article = Article.objects.get(body__startswith="China has signed")
    found = find_quotes(article.body)
    records = list(article.quotes.select_related("speaker"))
    assert len(records) == 5
    for record in records:
        names = {record.speaker_text}
        if record.speaker:
            names |= {
                record.speaker.name,
                *record.speaker.aliases.values_list("name", flat=True),
            }
        match = [q for q in found if (q.start, q.end) == (record.start, record.end)]
        assert match, record.exact
        quote = match[0]
        assert quote.kind == record.kind
        assert quote.is_vague == record.is_vague
        assert any(speaker_matches(name, quote.speaker) for name in names)
        assert quote.cue.lower() == record.cue.lower()


@pytest.mark.parametrize(
    ("text", "quoted", "speaker"),
    [
        # Appositives between the clause and the cue.
        (
            "The pipeline will be finished by the summer, Karen Liu, 52, a senior "
            "engineer at Pacific Gas Works, told reporters on Monday.",
            "The pipeline will be finished by the summer",
            "Karen Liu",
        ),
        # Quoted by a paper as saying.
        (
            "Chief economist Indermit Rao was quoted by Bloomberg as saying the "
            "outlook was weak.",
            "the outlook was weak",
            "Indermit Rao",
        ),
        (
            "The Daily Standard quoted one aide as saying the position was untenable.",
            "the position was untenable",
            "aide",
        ),
        # A relative clause inside the subject.
        (
            "Eric Adamson, who has led the city since 2019, told the Tribune that "
            "engineers had inspected the levee twice.",
            "engineers had inspected the levee twice",
            "Eric Adamson",
        ),
        # An abbreviated title does not end the sentence.
        (
            "“Families are stretched,” said state Sen. Marcus Hill, a Democrat.",
            "Families are stretched",
            "Marcus Hill",
        ),
        # "X of Y": the person, not the bank.
        (
            "“The bank is too cautious,” said Hans Vogel of Commerzbank.",
            "The bank is too cautious",
            "Hans Vogel",
        ),
        # A subordinate clause before the speaker.
        (
            "Shares in Brightwell Foods rose 6% after the company said it would "
            "close 40 stores.",
            "it would close 40 stores",
            "Brightwell Foods",
        ),
        # An acronym used without being defined, from the initials of a name.
        (
            "Figures come from the Office for National Statistics. Employers are "
            "hiring more slowly, the ONS said.",
            "Employers are hiring more slowly",
            "Office for National Statistics",
        ),
    ],
)
def test_harder_attributions(text, quoted, speaker):
    quote = quote_with(text, quoted)
    assert quote.text == quoted
    assert quote.speaker == speaker


def test_follow_on_clauses_share_the_speaker():
    text = (
        "The yen's fall is excessive, Finance Minister Hiroshi Tanaka told "
        "parliament, adding that the government was ready to act. ECB President "
        "Christine Laval told reporters that inflation was falling but that risks "
        "remained."
    )
    quotes = find_quotes(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The yen's fall is excessive", "Hiroshi Tanaka"),
        ("the government was ready to act", "Hiroshi Tanaka"),
        ("inflation was falling", "Christine Laval"),
        ("risks remained", "Christine Laval"),
    ]


def test_a_partial_quote_inside_a_reported_clause_is_one_quote():
    text = (
        "Judge Laura Kim wrote that the merger would “substantially lessen "
        "competition” in 11 counties."
    )
    quote = only(text)
    assert quote.kind == "indirect"
    assert quote.text == (
        "the merger would “substantially lessen competition” in 11 counties"
    )


def test_unclosed_quotation_marks_are_scanned_once(monkeypatch):
    """Thousands of opening marks with no closer: each character is looked at a
    bounded number of times (hostile input must not cost time quadratic in length)."""
    from suggest import quotes as module

    scanned = []
    real = module._find_close

    def counting(text, start, end, closer):
        scanned.append(end - start)
        return real(text, start, end, closer)

    monkeypatch.setattr(module, "_find_close", counting)
    one_paragraph = "\u201c" * 5_000 + " he said."
    many_paragraphs = "\u201cIt went on.\n\n" * 2_000
    assert find_quotes(one_paragraph) == []
    assert find_quotes(many_paragraphs) == []
    assert sum(scanned) <= 3 * (len(one_paragraph) + len(many_paragraphs))


def test_a_quote_over_many_paragraphs_still_closes_at_its_end():
    text = "\u201cIt went on.\n\n" * 50 + "\u201cAnd ended.\u201d said Mayor Ana Lopez."
    found = find_quotes(text)
    assert len(found) == 1
    assert found[0].text.startswith("It went on.") and found[0].text.endswith("ended.")
    assert found[0].speaker == "Ana Lopez"
