from suggest.spelling import SpellingFlag, copy_desk_flags


def test_typo_is_flagged_with_its_correction():
    text = "Prime Minister Shehbaz Sharif was alos present."
    assert copy_desk_flags(text) == [SpellingFlag(34, 38, "alos", "also")]


def test_names_acronyms_numbers_and_addresses_are_not_flagged():
    text = (
        "Tiangong, SUPARCO and ICUBE-Q flew in 2024; see https://example.org/alos "
        "or write to desk@example.org. Shehbaz met Chang’e-6 engineers."
    )
    assert copy_desk_flags(text) == []


def test_registry_names_written_small_are_not_flagged():
    text = "the suparco team and the tiangong crew"
    assert [f.word for f in copy_desk_flags(text)] == ["suparco", "tiangong"]
    assert copy_desk_flags(text, known_names=["SUPARCO", "Tiangong station"]) == []


def test_british_spellings_are_right():
    text = (
        "The programme's organisation spent on defence; the centre travelled, "
        "analysed the colour of the aeroplane and criticised the licence."
    )
    assert copy_desk_flags(text) == []


def test_contractions_and_newsroom_compounds_are_right():
    text = "It won’t fly, the carmaker said of the uncrewed shipbuilder’s plan."
    assert copy_desk_flags(text) == []


def test_several_typos():
    flags = copy_desk_flags("They recieve teh report becuase it matters.")
    assert [(f.word, f.suggestion) for f in flags] == [
        ("recieve", "receive"),
        ("teh", "the"),
        ("becuase", "because"),
    ]
