"""Stand-ins for the suggestion engine, shaped like its agreed dataclasses."""

from datetime import date

from entities.matcher import MentionCandidate as FakeMention
from suggest.candidates import EntityCandidate as FakeCandidate

# The fakes return the engine's own result types, so a change of shape breaks them.
from suggest.claims import ClaimCandidate as FakeClaim
from suggest.quotes import QuoteCandidate as FakeQuote
from suggest.spelling import SpellingFlag as FakeFlag

__all__ = ["FakeCandidate", "FakeClaim", "FakeFlag", "FakeMention", "FakeQuote"]


def span(body: str, text: str, occurrence: int = 1) -> tuple[int, int]:
    position = -1
    for _ in range(occurrence):
        position = body.index(text, position + 1)
    return position, position + len(text)


def _find_quotes(text):
    found = []
    said = "We will open three new libraries by 2027"
    if said in text:
        start, end = span(text, said)
        who = span(text, "Mayor Ana Lopez")
        cue = span(text, "said")
        found.append(
            FakeQuote(
                start, end, said, "Ana Lopez", *who, "said", *cue, "direct", False
            )
        )
    gazette = "the vote passed 12 to 3"
    if gazette in text:
        start, end = span(text, gazette)
        found.append(
            FakeQuote(
                start,
                end,
                gazette,
                "Northbridge Gazette",
                None,
                None,
                "According to",
                None,
                None,
                "indirect",
                False,
            )
        )
    return found


def _find_claims(text, *, published_on=None):
    found = []
    for sentence in (
        "The city council of Northbridge approved a budget of 4.2 million "
        "euros on Monday.",
        "We will open three new libraries by 2027",
    ):
        if sentence in text:
            start, end = span(text, sentence)
            found.append(
                FakeClaim(start, end, sentence, ("number",), date(2027, 12, 31))
            )
    return found


def _find_new_entities(text, *, known=()):
    found = []
    for name in ("Northbridge Gazette", "Ana Lopez"):
        if name in text:
            found.append(FakeCandidate(*span(text, name), name, "", ""))
    return found


def _copy_desk_flags(text, *, known_names=()):
    if "alos" in text:
        return [FakeFlag(*span(text, "alos"), "alos", "also")]
    return []


def install(monkeypatch, *, entities=None):
    """Replace the engine with rules that know the factories' default body.

    ``entities`` maps a name in the body to an Entity; every occurrence is a mention.
    """
    from articles.services import engine

    entities = entities or {}

    def find_mentions(text):
        found = []
        for name, entity in entities.items():
            position = text.find(name)
            while position != -1:
                found.append(
                    FakeMention(position, position + len(name), name, entity.pk)
                )
                position = text.find(name, position + 1)
        return sorted(found, key=lambda m: m.start)

    monkeypatch.setattr(engine, "find_mentions", find_mentions)
    monkeypatch.setattr(engine, "find_quotes", _find_quotes)
    monkeypatch.setattr(engine, "find_claims", _find_claims)
    monkeypatch.setattr(engine, "find_new_entities", _find_new_entities)
    monkeypatch.setattr(engine, "copy_desk_flags", _copy_desk_flags)
    monkeypatch.setattr(engine, "find_repeats", lambda statement, **kw: [])
