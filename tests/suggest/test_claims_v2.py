"""Claims: datelines, semicolons, quotations, status and reported statements."""

from suggest.claims import find_claims


def texts(text: str) -> list[str]:
    return [claim.text for claim in find_claims(text)]


def test_a_dateline_is_not_part_of_the_first_claim():
    text = "Oslo (AP) — Fuel prices rose 4% in May, the statistics office said."
    assert texts(text) == ["Fuel prices rose 4% in May, the statistics office said."]


def test_two_clauses_joined_by_a_semicolon_are_two_claims():
    text = "Copper output rose 6.2% in the quarter; zinc output fell 3.1%."
    assert texts(text) == [
        "Copper output rose 6.2% in the quarter",
        "zinc output fell 3.1%.",
    ]


def test_a_semicolon_before_a_fragment_keeps_one_claim():
    text = "Turnout was 61.4% on the day; a record."
    assert texts(text) == ["Turnout was 61.4% on the day; a record."]


def test_a_quoted_fact_is_the_claim_not_its_attribution():
    text = (
        "“We planted 40,000 trees along the river last winter,” said Tomas Reyes, "
        "the director of the city's parks department."
    )
    assert texts(text) == ["We planted 40,000 trees along the river last winter"]


def test_a_quoted_opinion_is_no_claim_however_long_its_attribution():
    text = (
        "“This is a sad day for everyone who loves the game,” said Joan Pereira, "
        "president of the Lisbon Football Association, at a news conference."
    )
    assert texts(text) == []


def test_a_sentence_inside_a_longer_quotation_is_judged_on_its_words():
    text = (
        "“The bridge carries 80,000 vehicles a day,” said Ana Gil, the engineer. "
        "“We owe it better care. It deserves the best engineers we have.”"
    )
    assert texts(text) == ["The bridge carries 80,000 vehicles a day"]


def test_a_change_of_office_is_a_claim():
    text = "Mara Lind has stepped down as chair of the national rowing federation."
    assert texts(text) == [text]


def test_a_reported_statement_of_fact_is_a_claim_but_a_guess_or_refusal_is_not():
    fact = "The plant had been closed for repairs since the spring, the company said."
    guess = "The plant could reopen within weeks, the company said."
    refusal = "It did not comment on the cause of the fire, the company said."
    assert texts(" ".join((fact, guess, refusal))) == [fact]


def test_a_quoted_count_in_words_is_a_figure():
    text = "“We waited nine hours at the border crossing,” said Ines Duarte, a driver."
    assert texts(text) == ["We waited nine hours at the border crossing"]


def test_a_vague_plural_in_a_quote_counts_nothing():
    text = "“Every week brings thousands of visitors to this valley,” said Ines Duarte."
    assert texts(text) == []


def test_a_deed_told_with_no_one_named_is_no_claim():
    text = "“We knocked on every door in the district,” said a council spokeswoman."
    assert texts(text) == []


def test_a_deed_told_naming_the_other_party_is_a_claim():
    text = "“We paid Harbour Dredging in full last spring,” said a council spokeswoman."
    assert texts(text) == ["We paid Harbour Dredging in full last spring"]


def test_a_speaker_asking_a_named_person_is_a_claim():
    text = (
        "“I asked Pedro Alves to resign because the board had lost faith,” Ruiz said."
    )
    assert texts(text) == [
        "I asked Pedro Alves to resign because the board had lost faith"
    ]


def test_a_witness_memory_and_a_feeling_are_no_claims():
    text = (
        "“I grabbed the dog and climbed onto the roof,” said Ines Duarte.\n\n"
        "“We felt the whole house shake under us,” said her husband."
    )
    assert texts(text) == []


def test_a_named_actor_deed_in_the_past_is_a_claim():
    text = "Her brother, Tiago Duarte, sold the family vineyard to a cooperative."
    assert texts(text) == [text]


def test_a_named_actor_feeling_is_no_deed():
    text = "Her brother, Tiago Duarte, feared a poor harvest in the valley."
    assert texts(text) == []


def test_a_statement_of_what_had_happened_is_a_claim():
    text = (
        "The regulator said in a statement that every licence had been issued "
        "after a public hearing."
    )
    assert texts(text) == [text]


def test_an_unnamed_groups_guess_is_no_claim():
    text = "The summit could run into Tuesday, negotiators said."
    assert texts(text) == []


def test_an_unnamed_groups_guess_with_a_figure_is_a_claim():
    text = "Fares could rise by 8% in March, analysts said."
    assert texts(text) == [text]


def test_an_unnamed_groups_guess_with_a_modifier_is_no_claim():
    text = "The merger could close before Easter, people familiar with the talks said."
    assert texts(text) == []


def test_a_named_persons_past_deed_reported_by_a_pronoun_is_a_claim():
    text = "Okafor had already returned the car to the dealer, she said."
    assert texts(text) == [text]


def test_a_short_sentence_with_a_figure_and_a_verb_is_a_claim():
    text = "The trial lasted a week. Okafor has repaid £12,000. The vote was close."
    assert texts(text) == ["Okafor has repaid £12,000."]
