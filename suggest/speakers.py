"""Speakers: the name a cue's noun phrase means.

"he"/"she" to the last person speaker (or person named) whose known gender does not
contradict it (``suggest.gender``), "it"/"they" to the last organisation speaker,
"the minister" or "the PM" to the person introduced with that title, "the agency" to
the last organisation whose name has that word, "Dr Roe" to "Jane Roe", "CMSA" to the
name it abbreviates, "a spokesperson for X" to X; "a man who lives nearby" is vague.
"""

import bisect
import re
from dataclasses import dataclass

from suggest import lexicon as lx
from suggest import names as nm
from suggest.analysis import WORD
from suggest.cues import (
    DESCRIPTOR_PUBLICATION,
    ORG_DESCRIPTORS,
    PRONOUNS_OTHER,
    PRONOUNS_PERSON,
    SPEAKER_PREFIX,
    VAGUE_HEADS,
)
from suggest.gender import PRONOUN_GENDER, known_genders
from suggest.lexicon import is_acronym
from suggest.quote_rules import (
    FOR_A_BODY,
    comma_parts,
    is_demonym,
    sentence_initial,
)
from suggest.text import dateline_end

# How far back a "he"/"she" is checked: people further back are not what it means.
PRONOUN_REACH = 12
_ASIDE = re.compile(r"\s*(?:who|which|whose|whom|[a-z]+ing)\b")
# "a man who lives nearby", "one resident", "those close to the talks": someone the
# text does not name. The head is the noun before any clause or prepositional phrase.
_AFTER_HEAD = r"(?:who|with|close|from|in|of|familiar|at|near)\b"
_UNNAMED = re.compile(
    r"(?:a|an|one|two|three|some|several|many|those|other)\s+"
    rf"(?:(?!{_AFTER_HEAD})[a-z][\w\-]*\s+){{0,2}}?"
    r"(?![a-z]+(?:ed|ing)\b)(?P<head>[a-z][\w\-]*)"
    rf"(?=\s+{_AFTER_HEAD}|$)",
    re.I,
)
_THOSE_CLOSE = re.compile(
    r"(?P<head>those|someone|somebody)\s+(?:close|familiar|near)\b", re.I
)


_DOCUMENTS = {"report", "study", "survey", "poll", "review", "audit", "analysis"}
_AGE_DESCRIPTOR = re.compile(r"the\s+(\d{1,3})-year-old")

_MODIFIER = re.compile(
    r"\b(?:in|close to|familiar with|near|across|around|inside)\b", re.IGNORECASE
)


_FOR_PUBLICATION = re.compile(r"\s+for\s+(?:the\s+|The\s+)?(.+)$")


def _commissioner(run: nm.Name) -> nm.Name:
    """'Harbour Research for The Evening Post': a pollster working for a paper is
    the source, not the paper that commissioned it."""
    match = _FOR_PUBLICATION.search(run.text)
    if match is None or not nm.looks_like_publication(match.group(1)):
        return run
    end = run.start + match.start()
    return nm.Name(run.start, end, run.text[: match.start()], run.title)


def _for_a_body(prefix: re.Match | None) -> bool:
    """'a spokesperson for X', 'a statement from X': X is a body, not a person."""
    return bool(prefix and FOR_A_BODY.search(prefix.group()))


@dataclass(frozen=True)
class Speaker:
    name: str
    start: int | None
    end: int | None
    is_vague: bool = False
    is_person: bool = False
    # A "he"/"she" the text does not let the engine credit: left as written.
    is_unclear: bool = False


class SpeakerResolver:
    """Who a noun phrase names: a name, a role, a pronoun or a description,
    resolved against the names and speakers before it (``self.index``,
    ``self.speakers``)."""

    def _speaker(self, a: int, b: int, position: int) -> Speaker:
        """Who the noun phrase text[a:b] names, resolved against the text before."""
        span = self._trimmed(a, b)
        if span is None:
            return Speaker("", None, None)
        a, b = span
        position = min(position, a) if position else a
        pa, pb = self._chosen_part(a, b)
        lowered = self.text[pa:pb].lower().strip()
        if lowered in PRONOUNS_PERSON:
            return self._resolve_person_pronoun(lowered, position, (pa, pb))
        if lowered in PRONOUNS_OTHER:
            return self._resolve_pronoun(position, person=False, fallback=(pa, pb))
        # "a spokesperson for X", "a statement by X", "data from the X".
        prefix = SPEAKER_PREFIX.match(self.text[pa:pb])
        if prefix:
            pa += prefix.end()
        piece = self.text[pa:pb]
        role = self._role(piece, position)
        if role is not None:
            return role
        runs = self._source_runs(pa, pb)
        # "Police in the capital", "sources close to the minister": still no one named.
        modifier = _MODIFIER.search(piece)
        vague = self._vague_source(piece, pa, runs, modifier)
        if vague is not None:
            return vague
        if runs:
            return self._named_source(
                runs, pa, modifier, for_a_body=_for_a_body(prefix)
            )
        words = [w.lower() for w in WORD.findall(piece)]
        return self._resolve_description(words, position, (pa, pb))

    def _trimmed(self, a: int, b: int) -> tuple[int, int] | None:
        """text[a:b] without spaces, punctuation and a leading conjunction."""
        segment = self.text[a:b]
        lead = re.match(r"^[\s,;:—–\-]*(?:(?:and|but|while|as)\s+)?", segment)
        a += lead.end()
        b = a + len(self.text[a:b].rstrip(" ,;:.—–-"))
        return (a, b) if a < b else None

    def _chosen_part(self, a: int, b: int) -> tuple[int, int]:
        """The comma-separated part that names the source: a bare name if there is
        one, else the last part that is no aside; leading spaces dropped."""
        text = self.text
        parts = comma_parts(text, a, b)
        # "X, who …" and "an official, speaking on condition of anonymity,": asides.
        parts = [p for p in parts if not _ASIDE.match(text[p[0] : p[1]])] or parts
        pa, pb = next((p for p in parts if self._is_bare_name(*p)), parts[-1])
        while pa < pb and text[pa].isspace():
            pa += 1
        return pa, pb

    def _source_runs(self, pa: int, pb: int) -> list:
        """The name runs of text[pa:pb] that may name a source."""
        return [
            r
            for r in nm.name_runs(self.text, pa, pb)
            if (r.text.lower() not in nm.STOP or is_acronym(r.text))
            and r.text.lower() not in VAGUE_HEADS
            and not (r.start == pa and nm.is_common_word(r.text))
            and not r.text.endswith(("-based", "-born"))  # "the Oslo-based firm"
        ]

    def _vague_source(self, piece: str, pa: int, runs, modifier) -> Speaker | None:
        """'experts', 'police sources', 'sources close to X': a vague head with no
        name before its modifier."""
        # The head of the source's noun phrase: "police sources" → "sources", but
        # "sources close to the police" → "sources".
        words = [w.lower() for w in WORD.findall(piece)]
        head_words = WORD.findall(piece[: modifier.start()] if modifier else piece)
        vague_head = next(
            (w.lower() for w in reversed(head_words) if w.lower() in VAGUE_HEADS),
            next((w for w in words if w in VAGUE_HEADS), None),
        )
        named = [
            r
            for r in runs
            if not is_demonym(r.text)
            and (len(r.text) > 3 or (is_acronym(r.text) and not nm.looks_like_place(r)))
            and not (modifier and r.start >= pa + modifier.start())
        ]
        if not vague_head or named:
            return None
        match = re.search(rf"\b{re.escape(vague_head)}\b", piece, re.IGNORECASE)
        start = pa + match.start()
        end = start + len(vague_head)
        return Speaker(self.text[start:end], start, end, is_vague=True)

    def _named_source(self, runs, pa: int, modifier, *, for_a_body: bool) -> Speaker:
        """The name among ``runs`` that speaks, in its fullest form."""
        run = runs[-1]
        titled = self._after_long_title(runs, pa)
        if titled is not None:
            run, modifier = titled, None
        if modifier:
            # "the Chinese Embassy in Manila": the body, not the place it is in.
            before = [r for r in runs if r.end <= pa + modifier.start()]
            run = before[-1] if before else run
        if len(runs) > 1 and re.fullmatch(
            r"\s+(?:of|at|from|with|for)\s+(?:the\s+)?",
            self.text[runs[0].end : runs[1].start],
        ):
            run = runs[0]  # 'Anna Berg of Nordbank'
        run = _commissioner(run)
        full = self.index.full_form(run.text)
        is_person = nm.looks_like_person(run) or (
            full != run.text and " " in full and not is_acronym(run.text)
        )
        if is_acronym(run.text) or for_a_body:
            is_person = False  # "a spokesperson for X": X is a body
        return Speaker(full, run.start, run.end, is_person=is_person)

    def _after_long_title(self, runs, pa: int):
        """'Leader of the Opposition (in the State Assembly) Jane Roe': a title that
        runs on through "of the"/"in the" and its office's words ends where the
        person's name starts, the last two or three words of the last run."""
        first = WORD.match(self.text, pa)
        if first is None or first.group().lower() not in nm.TITLES:
            return None
        return nm.office_tail(runs[-1]) or (runs[-1] if len(runs) > 1 else None)

    def _role(self, piece: str, position: int) -> Speaker | None:
        """'the PM', 'the skipper', 'the finance minister', 'the spokesperson': the
        person introduced with that title, or the body a spokesperson spoke for."""
        words = [w.lower() for w in WORD.findall(piece)]
        if len(words) < 2 or words[0] != "the":
            return None
        if words[1:] in (["spokesperson"], ["spokesman"], ["spokeswoman"]):
            for at, speaker in reversed(self.speakers):
                if at <= position and not speaker.is_person:
                    return speaker
            return None
        acronym = WORD.findall(piece)[-1]
        if len(words) == 2 and is_acronym(acronym):
            name = self._acronym_role(acronym, position)
            if name is not None:
                full = self.index.full_form(name.text)
                return Speaker(full, name.start, name.end, is_person=True)
        head = lx.ROLE_SHORT_FORMS.get(words[-1], words[-1])
        if head not in nm.TITLES or not all(nm.office_word(w) for w in words[1:-1]):
            return None
        name = self.index.last_titled(head, position)
        if name is None:
            return None
        full = self.index.full_form(name.text)
        return Speaker(full, name.start, name.end, is_person=True)

    def _acronym_role(self, acronym: str, position: int):
        """'the SP', 'the CEO': the last person introduced with the title whose
        initials those are ('Chief Electoral Officer Jane Roe'), or with the acronym
        in parentheses after it ('Superintendent of Police (SP) Jane Roe')."""
        found = None
        introduced = re.compile(rf"\({re.escape(acronym)}\)\s*$")
        for name in self.index.names:
            if name.start >= position:
                break
            if " " not in name.text or not nm.looks_like_person(name):
                continue
            initials = "".join(w[0] for w in name.title.split() if w[:1].isupper())
            before = self.text[max(0, name.start - len(acronym) - 4) : name.start]
            if initials == acronym or introduced.search(before):
                found = name
        return found

    def _not_a_lone_opener(self, name) -> bool:
        """Not a single capitalised word opening a sentence ("Refinery output …")."""
        return (
            " " in name.text
            or is_acronym(name.text)
            or not sentence_initial(self.text, name.start)
        )

    def _resolve_person_pronoun(self, pronoun: str, position: int, span) -> Speaker:
        """'he'/'she': the last person speaker (or person named), checked against
        the gender the text makes clear.

        A person whose known gender contradicts the pronoun is never credited; the
        last person whose gender the text states and matches is preferred. When the
        nearest candidate contradicts and no one clearly matches, the pronoun stays
        as written and is marked unclear, for the editor to decide.
        """
        usual = self._resolve_pronoun(position, person=True, fallback=span)
        gender = PRONOUN_GENDER.get(pronoun)
        if gender is None or usual.start is None or usual.start == span[0]:
            return usual
        genders = self._genders()
        candidates = self._person_candidates(position)
        if genders.get(usual.name) == gender:
            return usual
        match = next((c for c in candidates if genders.get(c.name) == gender), None)
        if match is not None:
            return match
        if genders.get(usual.name) is None:
            if len({c.name for c in candidates}) == 1:
                genders[usual.name] = gender  # the only person: the pronoun tells
            return usual
        a, b = span
        return Speaker(self.text[a:b].strip(), a, b, is_person=True, is_unclear=True)

    def _person_candidates(self, position: int) -> list[Speaker]:
        """People a pronoun at ``position`` may mean: the last PRONOUN_REACH person
        speakers, then the last PRONOUN_REACH people named, latest first."""
        found = []
        for at, speaker in reversed(self.speakers):
            if len(found) == PRONOUN_REACH:
                break
            if at <= position and speaker.is_person:
                found.append(speaker)
        names = self.index.names
        at = bisect.bisect_right(self._name_ends(), position)
        reach = len(found) + PRONOUN_REACH
        while at > 0 and len(found) < reach:
            at -= 1
            if nm.looks_like_person(names[at]):
                name = names[at]
                full = self.index.full_form(name.text)
                found.append(Speaker(full, name.start, name.end, is_person=True))
        return found

    def _name_ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [name.end for name in self.index.names]
        return self._ends

    def _genders(self) -> dict[str, str]:
        """Fullest name → gender, from the text and from pronouns credited so far."""
        if self._known_genders is None:
            self._known_genders = known_genders(self.index)
        return self._known_genders

    def _resolve_pronoun(self, position: int, *, person: bool, fallback):
        for at, speaker in reversed(self.speakers):
            if at <= position and speaker.is_person == person:
                return speaker
        if person:
            name = self.index.last_name(position, nm.looks_like_person)
        else:
            name = self.index.last_name(
                position,
                lambda n: (
                    not nm.looks_like_person(n)
                    and not nm.looks_like_place(n)
                    and len(n.text) > 2
                ),
            )
        if name:
            return Speaker(
                self.index.full_form(name.text),
                name.start,
                name.end,
                is_person=person,
            )
        a, b = fallback
        return Speaker(self.text[a:b].strip(), a, b)

    def _resolve_description(self, words: list[str], position: int, span):
        """'the minister', 'the agency', 'the newspaper' → the name meant."""
        a, b = span
        as_written = Speaker(self.text[a:b].strip(), a, b)
        unnamed = _UNNAMED.match(self.text, a, b) or _THOSE_CLOSE.match(self.text, a, b)
        if unnamed and not nm.name_runs(self.text, a, b):
            head = unnamed.start("head")
            return Speaker(unnamed.group("head"), head, unnamed.end("head"), True)
        described = self._described_person(a, b, position)
        if described is not None:
            return described
        if not words or words[0] not in {"the", "this", "that", "a", "its", "his"}:
            return as_written
        if any(w.endswith(("'s", "’s")) for w in words):
            return as_written  # "the minister's office": no one more precise
        head = words[-1]
        if head in _DOCUMENTS and len(words) == 2:
            # "the report said" after "a report by X found …": X speaks through it.
            for at, speaker in reversed(self.speakers):
                if at <= position and not speaker.is_person and speaker.name:
                    return speaker
        if head in nm.TITLES:
            name = self.index.last_titled(head, position)
            if name:
                return Speaker(name.text, name.start, name.end, is_person=True)
            return self._resolve_pronoun(position, person=True, fallback=span)
        if head in DESCRIPTOR_PUBLICATION:
            for at, speaker in reversed(self.speakers):
                if at <= position and nm.looks_like_publication(speaker.name):
                    return speaker
            name = self.index.last_name(
                position, lambda n: nm.looks_like_publication(n.text)
            )
            if name:
                return Speaker(name.text, name.start, name.end)
        name = self.index.last_name(
            position,
            lambda n: head in {w.lower() for w in n.text.split()} and " " in n.text,
        ) or self.index.last_name(
            position, lambda n: head in {w.lower() for w in n.text.split()}
        )
        if name:
            return Speaker(self.index.full_form(name.text), name.start, name.end)
        if head in ORG_DESCRIPTORS:
            body = self._organisation_meant(position)
            if body is not None:
                return body
        return as_written

    def _organisation_meant(self, position: int) -> Speaker | None:
        """'the agency', 'the company': the last body that spoke, else the last
        organisation named (never a dateline's place or agency)."""
        for at, speaker in reversed(self.speakers):
            if (
                at <= position
                and (not speaker.is_person or speaker.name in self.index.bodies)
                and speaker.name[:1].isupper()
                and not speaker.name.lower().startswith("the ")
            ):
                return speaker
        lead = dateline_end(self.text)  # "ROME (AFP) -" is no one's name
        name = self.index.last_name(
            position,
            lambda n: (
                n.start >= lead
                and (
                    (nm.looks_like_organisation(n) and self._not_a_lone_opener(n))
                    or n.text in self.index.bodies
                )
            ),
        ) or (
            self.index.last_name(
                position,
                lambda n: (
                    n.start >= lead
                    and (
                        " " in n.text
                        or is_acronym(n.text)
                        or not sentence_initial(self.text, n.start)
                    )
                    and not nm.looks_like_person(n)
                    and not nm.looks_like_place(n)
                ),
            )
        )
        if name:
            return Speaker(self.index.full_form(name.text), name.start, name.end)
        return None

    def _described_person(self, a: int, b: int, position: int) -> Speaker | None:
        """'said the 22-year-old': the person the text gave that age ("Jane Roe,
        22," or "22-year-old Jane Roe"), else the last person speaker, else the
        first person the text names (the subject of its lead)."""
        age = _AGE_DESCRIPTOR.fullmatch(self.text, a, b)
        if age is None:
            return None
        people = [
            n
            for n in self.index.names
            if n.start < position and nm.looks_like_person(n) and " " in n.text
        ]
        years = age.group(1)
        stated = re.compile(rf"(?:,\s+{years}\s*,|^\s*{years}-year-old\s)")
        for name in reversed(people):
            after = self.text[name.end : name.end + 8]
            before = self.text[max(0, name.start - 16) : name.start]
            if stated.match(after) or re.search(rf"\b{years}-year-old\s+$", before):
                return self._person(name)
        for at, speaker in reversed(self.speakers):
            if at <= position and speaker.is_person:
                return speaker
        return self._person(people[0]) if people else None

    def _person(self, name) -> Speaker:
        """A person's speaker, without a country's possessive ("Italy's Jane Roe")."""
        start = name.start
        possessive = re.search(r"[’']s\s+(?=[A-Z])", name.text)
        if possessive:
            start += possessive.end()
        full = self.index.full_form(self.text[start : name.end])
        return Speaker(full, start, name.end, is_person=True)

    def _is_bare_name(self, a: int, b: int) -> bool:
        """A piece that is a name with at most a title: 'Interior Minister X Y'."""
        piece = self.text[a:b].strip()
        if not piece or piece.lower().startswith(("the ", "a ", "an ")):
            return False
        lead = a + len(self.text[a:b]) - len(self.text[a:b].lstrip())
        first = WORD.match(piece)
        if first and nm.opens_participle(
            self.text, (lead, lead + first.end(), first.group())
        ):
            return False  # "Sentencing Jane Roe, Judge …": the clause, not the speaker
        words = piece.split()
        if not all(
            w[:1].isupper() or w.lower() in nm.TITLES or w.lower() in nm.CONNECTORS
            for w in words
        ):
            return False
        return bool(nm.name_runs(self.text, a, b))
