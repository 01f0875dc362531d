"""Indirect quotes: reported clauses and their attributions.

"According to X, …", "As per X, …", "…, according to X", "X said (that) …", "X told
<agency> that …", "…, X said", "…, saying …", "X, experts say, …", "it is understood
that …", "are said to". Attributions to no one identifiable are marked vague.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from suggest import names as nm
from suggest.analysis import WORD
from suggest.cues import (
    BARE_CLAUSE_VERBS,
    FOLLOW_ON,
    LEAD_ADJUNCT,
    LEAD_ADVERBIAL,
    LEAD_PARTICIPLE,
    MIN_CLAUSE_WORDS,
    NOT_A_CLAUSE,
    QUOTED_AS_SAYING,
    VERB_RE,
)
from suggest.kinds import QuoteKind
from suggest.quote_rules import (
    ACCORDING_LEAD,
    ACCORDING_TRAIL,
    COLON_OR_MARK,
    COMMA,
    FOLLOW_THAT,
    PARENTHETICAL,
    REPORTEDLY,
    SAID_TO,
    THAT,
    UNDERSTOOD,
    UNDERSTOOD_AFTER,
    VAGUE_LEAD,
    after_subordinator,
    clashes_with_direct,
    cue_tail,
    has_clause_verb,
    lead_trim,
    more_words_than,
    noun_phrase_end,
    source_end,
    speaker_like,
    strip_auxiliaries,
    top_level_comma,
)
from suggest.speakers import Speaker
from suggest.text import Segment

AND_GAP = re.compile(r",?\s+and\s+")

if TYPE_CHECKING:
    from suggest.quotes import QuoteCandidate


class IndirectQuotes:
    """Reported clauses: one method per shape of attribution, tried in order."""

    def _indirect(self, sentence: Segment, directs) -> QuoteCandidate | None:
        text = self.text
        s = sentence.text
        base = sentence.start
        quoted = sum(d[3] - d[2] + 1 for d in directs)
        if directs and quoted > 0.5 * len(s):
            return None
        body_end = len(s.rstrip().rstrip(".!?"))
        follow_on = FOLLOW_ON.search(s)
        if follow_on:
            body_end = follow_on.start()
        for method in (
            self._according_to,
            self._understood,
            self._parenthetical,
            self._quoted_as_saying,
            self._trailing,
            self._vague_lead,
            self._leading,
            self._reportedly,
        ):
            result = method(s, base, body_end)
            if result is not None:
                a, b, speaker, cue = result
                # A clause that is itself an attribution: keep the innermost speaker.
                inner = self._nested(a, b)
                if inner is not None:
                    a, b, speaker, cue = inner
                clause = text[a:b]
                minimum = 2 if method == self._parenthetical else MIN_CLAUSE_WORDS
                if len(WORD.findall(clause)) < minimum:
                    continue
                if clashes_with_direct(text, a, b, directs):
                    continue
                if method != self._according_to and NOT_A_CLAUSE.match(clause):
                    continue  # "told residents to stay indoors", "Speaking to …"
                if speaker is not None:
                    self._note_speaker(a, speaker)
                return self._candidate(a, b, speaker, cue, QuoteKind.INDIRECT)
        return None

    def _according_to(self, s, base, body_end):
        lead = ACCORDING_LEAD.match(s)
        if lead:
            comma = top_level_comma(s, lead.end())
            if comma is None:
                return None
            np_end = lead.end() + source_end(s[lead.end() : comma])
            speaker = self._speaker(base + lead.end(), base + np_end, base)
            clause_start = comma + 1
            while clause_start < body_end and s[clause_start].isspace():
                clause_start += 1
            cue = (lead.group(1), base, base + len(lead.group(1)))
            return base + clause_start, base + body_end, speaker, cue
        trail = ACCORDING_TRAIL.search(s)
        if trail:
            rest = s[trail.end() : body_end]
            speaker_end = base + trail.end() + noun_phrase_end(rest)
            speaker = self._speaker(base + trail.end(), speaker_end, base)
            cue = (trail.group(1), base + trail.start(1), base + trail.end(1))
            clause_start = lead_trim(s)
            return base + clause_start, base + trail.start(), speaker, cue
        return None

    def _understood(self, s, base, body_end):
        """'It is understood that …', '…, it is understood.', 'X are said to …':
        an attribution with no source at all."""
        speaker = Speaker("", None, None, is_vague=True)
        match = UNDERSTOOD.match(s)
        if match:
            cue = (match.group().strip(), base, base + len(match.group().strip()))
            return base + match.end(), base + body_end, speaker, cue
        match = UNDERSTOOD_AFTER.search(s, 0, body_end + 1)
        if match is None:
            match = SAID_TO.search(s, 0, body_end)
            if match is None:
                return None
            cue = (match.group(1), base + match.start(1), base + match.end(1))
            return base + lead_trim(s), base + body_end, speaker, cue
        cue = (match.group(1), base + match.start(1), base + match.end(1))
        return base + lead_trim(s), base + match.start(), speaker, cue

    def _vague_lead(self, s, base, body_end):
        """'Critics argue that …', 'Studies show …': a vague source, its kind as the
        speaker ("Critics", "Studies")."""
        start = lead_trim(s)
        match = VAGUE_LEAD.match(s, start)
        if match is None:
            return None
        head = base + match.start("head")
        speaker = Speaker(
            match.group("head"), head, base + match.end("head"), is_vague=True
        )
        cue = (
            match.group("verb"),
            base + match.start("verb"),
            base + match.end("verb"),
        )
        return base + match.end(), base + body_end, speaker, cue

    def _parenthetical(self, s, base, body_end):
        match = PARENTHETICAL.search(s)
        if not match or match.start() == 0:
            return None
        subject = s[lead_trim(s) : match.start()]
        if has_clause_verb(subject) or len(WORD.findall(subject)) > 8:
            return None  # "<clause>, X said, <more>": the trailing form
        speaker = self._speaker(base + match.start(1), base + match.end(1), base)
        if speaker.name == "" and not speaker.is_vague:
            return None
        cue = (match.group(2), base + match.start(2), base + match.end(2))
        if speaker.is_vague and speaker.start is not None:
            # "experts say": for an unnamed source the cue includes who.
            cue = (self.text[speaker.start : cue[2]], speaker.start, cue[2])
        # The span is what follows the parenthetical, as in the seed's record:
        # "This move, experts say, <demonstrates …>".
        return base + match.end(), base + body_end, speaker, cue

    def _trailing(self, s, base, body_end):
        """'<clause>, X said (on Monday).' and '<clause>, said X, title of Y.'"""
        body = s[:body_end]
        commas = [m.start() for m in COMMA.finditer(body)]
        for index in range(len(commas) - 1, -1, -1):
            comma = commas[index]
            rest = body[comma + 1 :]
            if THAT.search(rest) or COLON_OR_MARK.search(rest):
                continue
            verb = VERB_RE.search(rest)
            if not verb:
                continue
            # What follows a further comma after the cue is a comment on the whole
            # (", a figure developing countries called an insult"), not the cue's.
            after_cue = rest.find(",", verb.end())
            if after_cue != -1 and index + 1 < len(commas):
                rest = rest[:after_cue]
            if more_words_than(rest, 16):
                continue
            subject = strip_auxiliaries(rest[: verb.start()])
            cue_start = base + comma + 1 + verb.start()
            cue = (verb.group(), cue_start, cue_start + len(verb.group()))
            if subject.strip():
                if has_clause_verb(subject) or not speaker_like(subject):
                    continue
                tail = rest[verb.end() :]
                if more_words_than(tail, 12) or has_clause_verb(tail):
                    continue  # "…, X said the outbreak was over": not a trailing cue
                if not cue_tail(verb.group(), tail):
                    continue  # "…, X promised new fines": the verb has its own object
                subject = strip_auxiliaries(subject)
                a = base + comma + 1
                speaker = self._speaker(a, a + len(subject), cue_start)
            else:
                first = self._appositive_start(body, base, commas, index)
                tail = rest[verb.end() :]
                if first is not None and (
                    not cue_tail(verb.group(), tail) or has_clause_verb(tail)
                ):
                    continue  # "Early on Sunday, Jane Roe, head of X, said <clause>"
                if first is not None:
                    # "<clause>, Jane Roe, 52, an engineer at X, told reporters."
                    comma = commas[first]
                    a = base + comma + 1
                    speaker = self._speaker(a, base + commas[index], cue_start)
                else:
                    after = rest[verb.end() :]
                    np = after[: noun_phrase_end(after)]
                    if has_clause_verb(np) or not speaker_like(np):
                        continue  # "…, said he had received three offers"
                    a = base + comma + 1 + verb.end()
                    speaker = self._speaker(a, a + len(np), cue_start)
            if not speaker.name and not speaker.is_vague:
                continue
            clause_start = lead_trim(s)
            if len(WORD.findall(body[clause_start:comma])) < MIN_CLAUSE_WORDS:
                return None
            return base + clause_start, base + comma, speaker, cue
        return None

    def _appositive_start(self, body, base, commas, index):
        """Index of the comma before a bare name followed only by appositives."""
        j = index - 1
        while j >= 0:
            segment = body[commas[j] + 1 : commas[j + 1]]
            if has_clause_verb(segment) or len(WORD.findall(segment)) > 9:
                return None
            if self._is_bare_name(base + commas[j] + 1, base + commas[j + 1]):
                return j
            j -= 1
        return None

    def _that_clause(self, piece: Segment, previous: QuoteCandidate):
        """'… said that A but that B', '… and warned that B': B has A's speaker.

        'said that A and that B' is one speech act reported in two clauses: the
        previous span grows to the end of B (same start, so the caller replaces it).
        """
        a = piece.start + FOLLOW_THAT.match(piece.text).end()
        b = piece.start + len(piece.text.rstrip().rstrip(".!?"))
        if len(WORD.findall(self.text[a:b])) < 2:
            return None
        gap = self.text[previous.end : piece.start]
        if piece.text.startswith("that") and AND_GAP.fullmatch(gap):
            return replace(previous, end=b, text=self.text[previous.start : b])
        return replace(previous, start=a, end=b, text=self.text[a:b])

    def _quoted_as_saying(self, s, base, body_end):
        match = QUOTED_AS_SAYING.search(s, 0, body_end)
        if not match or match.group(1).startswith("by "):
            return None
        speaker = self._speaker(base + match.start(1), base + match.end(1), base)
        cue = ("quoted as saying", base + match.start(), base + match.end())
        return base + match.end(), base + body_end, speaker, cue

    def _leading(self, s, base, body_end):
        start = _subject_start(s)
        verb = VERB_RE.search(s, start, body_end)
        if not verb:
            return None
        subject = s[start : verb.start()]
        # "John Doe, who has led the city since 2019, told …"
        tail = after_subordinator(subject)
        if tail != subject:
            start += len(subject) - len(tail)
            subject = tail
        subject_core = re.sub(r",\s*(?:who|which|\w+ing)\b[^,]*,", ",", subject)
        if not subject.strip() or len(WORD.findall(subject_core)) > 14:
            return None
        if has_clause_verb(strip_auxiliaries(subject_core)) or re.search(
            r"[“”\"«»]", subject
        ):
            return None
        clause_start = _clause_start(s, verb, body_end)
        if clause_start is None:
            return None
        subject_text = strip_auxiliaries(subject)
        speaker = self._speaker(base + start, base + start + len(subject_text), base)
        if not speaker.name and not speaker.is_vague:
            return None
        cue = (verb.group(), base + verb.start(), base + verb.end())
        return base + clause_start, base + body_end, speaker, cue

    def _saying(self, sentence: Segment, speaker: Speaker | None):
        """'…, saying/adding (that) <clause>': credited to the sentence's speaker."""
        s, base = sentence.text, sentence.start
        match = FOLLOW_ON.search(s)
        if not match:
            return None
        if speaker is None:
            names = nm.name_runs(self.text, base, base + match.start())
            if not names:
                return None
            speaker = self._speaker(names[0].start, names[0].end, base)
        a = base + match.end()
        b = base + len(s.rstrip().rstrip(".!?"))
        if len(WORD.findall(self.text[a:b])) < MIN_CLAUSE_WORDS:
            return None
        if NOT_A_CLAUSE.match(self.text[a:b]):
            return None
        cue = (match.group(1), base + match.start(1), base + match.end(1))
        self._note_speaker(a, speaker)
        return self._candidate(a, b, speaker, cue, QuoteKind.INDIRECT)

    def _reportedly(self, s, base, body_end):
        match = REPORTEDLY.search(s)
        if not match:
            return None
        speaker = Speaker("", None, None, is_vague=True)
        cue = (match.group(1), base + match.start(1), base + match.end(1))
        return base + lead_trim(s), base + body_end, speaker, cue

    def _nested(self, a: int, b: int):
        """'X had told officials <clause>' inside a reported clause: the inner one."""
        clause = self.text[a:b]
        verb = VERB_RE.search(clause)
        if not verb or verb.start() == 0:
            return None
        subject = clause[: verb.start()]
        if has_clause_verb(strip_auxiliaries(subject)) or "," in subject:
            return None
        runs = nm.name_runs(self.text, a, a + len(subject))
        if not runs:
            return None
        inner = self._leading(clause + ".", a, len(clause))
        if inner is None or inner[2] is None or not inner[2].name:
            return None
        return inner


def _subject_start(s: str) -> int:
    """Where the subject of "<subject> said …" starts: after an opening mark, an
    adverbial ("Meanwhile,", "On Sunday,") and a participial phrase ("Writing for
    the panel,")."""
    start = lead_trim(s)
    adverbial = LEAD_ADVERBIAL.match(s[start:])
    if adverbial:
        start += adverbial.end()
    participle = LEAD_PARTICIPLE.match(s, start)
    if participle:
        start = participle.end()
    return start


def _clause_start(s: str, verb: re.Match, body_end: int) -> int | None:
    """Where the reported clause after the cue ``verb`` starts: after "that", or
    right after a verb that takes a bare clause ("said the …", "told AFP the …");
    None if the verb reports no clause here."""
    clause_start = None
    rest = s[verb.end() : body_end]
    that = THAT.search(rest)
    if that and (
        len(WORD.findall(rest[: that.start()])) > 12
        or has_clause_verb(rest[: that.start()])
        or re.search(r"\b(?:they|he|she|it|we|i)\b", rest[: that.start()], re.I)
    ):
        that = None
    if that:
        clause_start = verb.end() + that.end()
    elif verb.group() in BARE_CLAUSE_VERBS or verb.group().endswith("saying"):
        clause_start = verb.end()
        if verb.group() in {"told", "tells"}:
            obj = re.match(
                r"\s+(?:(?:the|a)\s+)?(?:[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z][\w’'"
                r"\-]*)*|\w+)(?:\s+\([A-Z]+\))?",
                rest,
            )
            if obj:
                clause_start += obj.end()
        else:
            lead_adjunct = LEAD_ADJUNCT.match(rest)
            if lead_adjunct:
                clause_start += lead_adjunct.end()
        if rest.lstrip().startswith((",", ".")):
            return None
    if clause_start is None:
        return None
    while clause_start < body_end and s[clause_start] in " ,:":
        clause_start += 1
    if (
        s[clause_start : clause_start + 1] in ("“", '"', "«")
        and ":" in s[verb.end() : clause_start]
    ):
        return None  # 'X said: “…”': a direct quote, whatever its sentences
    return clause_start
