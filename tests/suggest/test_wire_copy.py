"""Wire-copy shapes: AP-style times after the cue, one speech act in two clauses,
datelines and descriptors that are not speakers, roles for the named person, vague
sources with no name."""

import pytest

from suggest.quotes import find_quotes


def found(text: str) -> list[tuple[str, str]]:
    return [(quote.text, quote.speaker) for quote in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ferry service will resume in April after repairs to the pier, the "
            "harbour authority said Wednesday.",
            (
                "The ferry service will resume in April after repairs to the pier",
                "the harbour authority",
            ),
        ),
        (
            "Its quarterly revenue rose 9 percent to 3.1 billion dollars, the "
            "retailer Hollins Group said Tuesday, citing strong holiday sales.",
            (
                "Its quarterly revenue rose 9 percent to 3.1 billion dollars",
                "Hollins Group",
            ),
        ),
        (
            "Tomas Verde has resigned as head of the port authority, less than a "
            "year after his appointment, the city council said Friday.",
            (
                "Tomas Verde has resigned as head of the port authority, less than "
                "a year after his appointment",
                "city council",
            ),
        ),
    ],
)
def test_reported_clause_first_with_a_weekday_after_the_cue(text, expected):
    (quote,) = found(text)
    assert quote[0] == expected[0]
    assert quote[1].lower().endswith(expected[1].lower().removeprefix("the "))


def test_said_weekday_that():
    text = "Governor Ada Pike said Tuesday that the bridge would reopen in May."
    assert found(text) == [("the bridge would reopen in May", "Ada Pike")]


def test_said_that_a_and_that_b_is_one_reported_statement():
    text = (
        "The harbour master, Lena Ostrova, said that the channel had silted up "
        "over the winter and that dredging would start in June."
    )
    assert found(text) == [
        (
            "the channel had silted up over the winter and that dredging would "
            "start in June",
            "Lena Ostrova",
        )
    ]


def test_said_that_a_but_that_b_stays_two_statements():
    text = "Bo Ek told reporters that sales were up but that margins had fallen."
    assert found(text) == [
        ("sales were up", "Bo Ek"),
        ("margins had fallen", "Bo Ek"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Pune, Mar 3 (PTI) State Home Minister Ravi Kale on Monday said that the "
            "police had arrested four men.",
            "Ravi Kale",
        ),
        (
            "ROME (AFP) - Farm output fell by a fifth, the ministry said.",
            "the ministry",
        ),
        (
            "Mumbai: According to the Reserve Bank of India, inflation eased to "
            "4.1 per cent in October.",
            "Reserve Bank of India",
        ),
    ],
)
def test_a_dateline_is_never_the_speaker(text, speaker):
    ((_, found_speaker),) = found(text)
    assert found_speaker == speaker


@pytest.mark.parametrize(
    "title",
    [
        "Leader of the Opposition in the State Assembly",
        "Leader of the Opposition",
        "Chairman of the Senate Finance Committee",
    ],
)
def test_a_long_title_stays_out_of_the_speaker(title):
    text = f"{title} Mira Das said that the council had broken its promise."
    assert found(text) == [("the council had broken its promise", "Mira Das")]


def test_an_age_descriptor_after_the_cue_is_the_person_of_that_age():
    text = (
        "Coach Mark Bell praised his side. Striker Leo Ruiz, 19, scored twice.\n\n"
        "“It was the best night of my life,” said the 19-year-old."
    )
    assert found(text) == [("It was the best night of my life", "Leo Ruiz")]


def test_an_age_descriptor_with_no_age_given_is_the_lead_s_subject():
    text = (
        "LONDON (AFP) - Britain's Amy Lowe beat Jana Novak 6-4, 6-2 on Friday to "
        "reach the final.\n\n“Jana played superbly and I had to be at my best,” "
        "said the 24-year-old."
    )
    assert [speaker for _, speaker in found(text)] == ["Amy Lowe"]


@pytest.mark.parametrize(
    ("intro", "role"),
    [
        ("Deputy Commissioner of Police (DCP) Anil Rathore", "the DCP"),
        ("Chief Electoral Officer Meera Sood", "the CEO"),
    ],
)
def test_a_title_s_acronym_is_the_person_with_that_title(intro, role):
    text = (
        f"{intro} told reporters that the count would finish by noon.\n\n"
        f"“We expect no delays,” {role} said."
    )
    assert [speaker for _, speaker in found(text)] == [
        intro.split()[-2] + " " + intro.split()[-1]
    ] * 2


def test_a_sentence_opening_with_her_settles_the_gender_of_the_last_named():
    text = (
        "Mayor Alan Price said that the budget was balanced.\n\n"
        "Councillor Joan Webb said that the figures had been massaged.\n\n"
        "Her remarks came an hour after Treasurer Paul Grant told reporters that "
        "his office would publish the accounts on Friday.\n\n"
        "“Nobody believes these numbers,” she said."
    )
    assert found(text)[-1] == ("Nobody believes these numbers", "Joan Webb")


@pytest.mark.parametrize(
    ("text", "clause", "source"),
    [
        (
            "Critics argue that the scheme has cost far more than it saved.",
            "the scheme has cost far more than it saved",
            "Critics",
        ),
        (
            "Studies show that the drug cuts deaths by a third.",
            "the drug cuts deaths by a third",
            "Studies",
        ),
        (
            "Reports suggest the company will cut 2,000 jobs.",
            "the company will cut 2,000 jobs",
            "Reports",
        ),
        (
            "The scheme has cost far more than it saved, critics argue.",
            "The scheme has cost far more than it saved",
            "critics",
        ),
        (
            "It is believed the ship sank within minutes.",
            "the ship sank within minutes",
            "",
        ),
    ],
)
def test_vague_sources_with_no_name_are_found_and_flagged(text, clause, source):
    (quote,) = find_quotes(text)
    assert (quote.text, quote.speaker) == (clause, source)
    assert quote.is_vague


@pytest.mark.parametrize(
    "text",
    ["It is expected to rain on Sunday.", "The figures show that sales rose."],
)
def test_no_vague_source_where_no_one_is_reported(text):
    assert found(text) == []


def test_her_after_a_long_title_means_the_person_after_it():
    text = (
        "Mayor Alan Price said that the budget was balanced.\n\n"
        "Leader of the Opposition in the City Assembly Joan Webb said that the "
        "figures had been massaged.\n\n"
        "Her remarks came an hour after Treasurer Paul Grant told reporters that "
        "his office would publish the accounts on Friday.\n\n"
        "“Nobody believes these numbers,” she said."
    )
    assert found(text)[-1] == ("Nobody believes these numbers", "Joan Webb")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Federal Aviation Administration opened a review in May. The review "
            "would be published within weeks, an FAA spokesperson said.",
            "Federal Aviation Administration",
        ),
        (
            "The talks in Geneva would resume on Monday, a UN spokesperson said.",
            "UN",
        ),
        (
            "The talks in Geneva would resume on Monday, a US official said.",
            "official",
        ),
    ],
)
def test_a_body_s_acronym_before_spokesperson_is_the_source(text, speaker):
    assert [s for _, s in found(text)] == [speaker]


def test_a_pollster_working_for_a_paper_is_the_source():
    text = (
        "A poll by Harbour Research for The Evening Post found that 48% of voters "
        "backed the plan."
    )
    assert found(text) == [("48% of voters backed the plan", "Harbour Research")]


def test_the_report_said_is_the_body_that_published_it():
    text = (
        "A report by the Harbour Policy Institute found that one in four ferries "
        "ran late last year. Most delays were on the northern routes, the report "
        "said."
    )
    assert [s for _, s in found(text)] == ["Harbour Policy Institute"] * 2


def test_the_judge_is_the_person_styled_justice():
    text = (
        "Justice Mira Sethi said that the order was unlawful. Senior advocate Ravi "
        "Kumar told the court that his client would appeal. “The state cannot act "
        "on a whim,” the judge wrote."
    )
    assert found(text)[-1] == ("The state cannot act on a whim", "Mira Sethi")


def test_a_long_titled_name_after_the_closing_mark_speaks():
    text = (
        "“We built 3,000 houses in a year. Let them answer that.” State Housing "
        "Minister Revathi Rao said at a rally on Sunday."
    )
    assert [s for _, s in found(text)] == ["Revathi Rao"]


def test_a_cueless_paragraph_after_a_quote_over_two_paragraphs_continues_it():
    text = (
        "Mayor Ann Kolb said Monday that two libraries would close.\n\n"
        "“We cut hours last spring. We asked every church and school for "
        "volunteers.\n\n“And we still ended the year short.”\n\n"
        "Councilman Tom Reyes, whose district has one of the libraries, has "
        "proposed moving money from the roads budget.\n\n"
        "“I am open to any idea that comes with volunteers attached.”"
    )
    assert [s for _, s in found(text)] == ["Ann Kolb"] * 3


def test_a_two_word_quote_after_the_cue_goes_on_with_that_speaker():
    text = (
        "Mayor Ann Kolb spoke first.\n\n"
        "“Plans do not build homes,” she said. “Money does.”"
    )
    assert found(text)[-1] == ("Money does.", "Ann Kolb")


def test_a_two_word_quote_on_its_own_is_no_quote():
    text = "Mayor Ann Kolb spoke first.\n\nThe slogan “Money talks” was everywhere."
    assert found(text) == []


def test_a_long_participial_phrase_before_the_subject_is_not_the_subject():
    text = (
        "Writing for a divided panel of the 9th U.S. Circuit Court of Appeals, "
        "Judge Warren Tate said in his opinion that the trial court had been wrong "
        "to dismiss the case."
    )
    assert found(text) == [
        ("the trial court had been wrong to dismiss the case", "Warren Tate")
    ]


def test_said_colon_opens_a_direct_quote_of_several_sentences_not_a_clause():
    text = (
        "Speaking to reporters on Sunday, Mayor Ann Kolb said: “We have turned a "
        "corner. I am not going to pretend the job is done.”"
    )
    assert found(text) == [
        (
            "We have turned a corner. I am not going to pretend the job is done.",
            "Ann Kolb",
        )
    ]
