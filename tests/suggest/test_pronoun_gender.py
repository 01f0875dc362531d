"""'he'/'she' cues checked against the gender the text makes clear."""

from suggest.gender import FEMININE, MASCULINE, known_genders
from suggest.names import build_index
from suggest.quotes import find_quotes


def speakers(text: str) -> list[tuple[str, bool]]:
    return [(q.speaker, q.is_speaker_unclear) for q in find_quotes(text)]


def test_an_honorific_or_role_word_states_a_gender():
    text = (
        "Mrs Ada Price chaired the hearing. Its spokesman, Karl Vos, took notes. "
        "Lena Ruiz, the chairwoman of the trust, arrived late. Sir Owen Tate left."
    )
    assert known_genders(build_index(text)) == {
        "Ada Price": FEMININE,
        "Karl Vos": MASCULINE,
        "Lena Ruiz": FEMININE,
        "Owen Tate": MASCULINE,
    }


def test_a_relative_clause_says_nothing_of_the_person():
    text = "Lena Ruiz, whose son was injured, spoke to reporters."
    assert known_genders(build_index(text)) == {}


def test_she_skips_the_last_speaker_known_to_be_a_man():
    text = (
        "“The hospital is full,” said Lena Ruiz, the chairwoman of the trust.\n\n"
        "“Beds are being found,” said Mr Karl Vos, the health minister.\n\n"
        "“Not one has opened this week,” she said."
    )
    assert speakers(text)[-1] == ("Lena Ruiz", False)


def test_he_goes_to_the_last_speaker_when_the_text_agrees():
    text = (
        "“The hospital is full,” said Lena Ruiz, the chairwoman of the trust.\n\n"
        "“Beds are being found,” said Mr Karl Vos, the health minister.\n\n"
        "“Ten wards will open,” he said."
    )
    assert speakers(text)[-1] == ("Karl Vos", False)


def test_the_person_the_text_makes_clear_wins_over_an_unknown_later_one():
    text = (
        "Mrs Ada Price opened the meeting. Alex Kim read the accounts.\n\n"
        "“We are solvent,” she said."
    )
    assert speakers(text) == [("Ada Price", False)]


def test_a_pronoun_that_contradicts_everyone_is_left_to_the_editor():
    text = "Sir Owen Tate spoke first.\n\n“The vote is lost,” she said."
    assert speakers(text) == [("she", True)]


def test_an_unknown_gender_keeps_the_usual_last_speaker():
    text = "“We will appeal,” said Alex Kim.\n\n“The ruling is wrong,” she said."
    assert speakers(text) == [("Alex Kim", False), ("Alex Kim", False)]


def test_a_pronoun_credited_to_the_only_person_tells_their_gender():
    text = (
        "“We will appeal,” said Alex Kim.\n\n“The ruling is wrong,” she said.\n\n"
        "Mr Sam Lee, the council's lawyer, disagreed.\n\n"
        "“The court was right,” he said.\n\n“We will win,” she added."
    )
    assert [s for s, _ in speakers(text)][-1] == "Alex Kim"


def test_a_later_pronoun_in_a_sentence_naming_one_person_states_a_gender():
    text = "Judge Alex Kim wrote that his colleagues had misread the statute."
    assert known_genders(build_index(text)) == {"Alex Kim": MASCULINE}


def test_the_pronoun_of_a_cue_is_the_speaker_not_the_person_named():
    text = "Sam Lee will coach the side on Saturday, she said."
    assert known_genders(build_index(text)) == {}


def test_a_pronoun_inside_a_quotation_states_nothing():
    text = "“Sam Lee told me she was leaving,” said a neighbour."
    assert known_genders(build_index(text)) == {}


def test_he_goes_past_a_dissenting_judge_to_the_judge_whose_pronoun_agrees():
    text = (
        "Judge Alex Kim said in his opinion that the lower court had erred.\n\n"
        "In a dissent, Judge Sam Lee wrote that her colleagues had rewritten the "
        "law.\n\n"
        "“The clock cannot run while the facts are hidden,” he wrote."
    )
    assert speakers(text)[-1] == ("Alex Kim", False)
