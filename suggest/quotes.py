"""Find quotes and attributions, and who they are credited to.

Direct quotes are found from quotation marks (“…”, "…", ‘…’, «…»), including quotes
that run over several paragraphs (an opening mark on every paragraph, a closing mark
only at the end). Their speaker comes from the cue around them: after ("…," said X /
"…," X said / "…," reported Global Times), before (X said, "…" / X put it bluntly: "…")
or, for a quote with no cue, the speaker of the quote just before it.

Indirect quotes are reported clauses: "According to X, …", "As per X, …", "…, according
to X", "X said (that) …", "X told <agency> that …", "…, X said", "…, saying …", and
"X, experts say, …". Attributions to no one identifiable ("experts say", "sources said",
"officials said", "reportedly", "it is understood that") are marked vague.

Pronouns and descriptions are resolved to a name in the text: "he"/"she" to the last
person speaker (or person named), "it"/"they" to the last organisation speaker,
"the minister" to the last person introduced with that title, "the agency" to the last
organisation whose name has that word, "Dr Roe" to "Jane Roe", "CMSA" to the name
it abbreviates.
"""

import re
from dataclasses import dataclass, replace
from itertools import islice

from suggest import lexicon as lx
from suggest import names as nm
from suggest.analysis import WORD
from suggest.cues import (
    BARE_CLAUSE_VERBS,
    DESCRIPTOR_PUBLICATION,
    DIRECT_VERB_RE,
    FOLLOW_ON,
    LEAD_ADJUNCT,
    LEAD_ADVERBIAL,
    MIN_CLAUSE_WORDS,
    MIN_DIRECT_WORDS,
    NOT_A_CLAUSE,
    ORG_DESCRIPTORS,
    PRONOUNS_OTHER,
    PRONOUNS_PERSON,
    QUOTED_AS_SAYING,
    SENT_END,
    SPEAKER_PREFIX,
    VAGUE_HEADS,
    VERB,
    VERB_RE,
)
from suggest.kinds import QuoteKind
from suggest.lexicon import is_acronym
from suggest.text import CLOSING_MARKS, Segment, paragraphs, sentences


@dataclass(frozen=True)
class QuoteCandidate:
    start: int
    end: int
    text: str
    speaker: str
    speaker_start: int | None
    speaker_end: int | None
    cue: str
    cue_start: int | None
    cue_end: int | None
    kind: str
    is_vague: bool


@dataclass(frozen=True)
class Speaker:
    name: str
    start: int | None
    end: int | None
    is_vague: bool = False
    is_person: bool = False


def find_quotes(text: str) -> list[QuoteCandidate]:
    """Direct and indirect quotes in ``text`` with their speakers, in text order."""
    return _Finder(text).run()


class _Finder:
    def __init__(self, text: str):
        self.text = text
        self.index = nm.build_index(text)
        self.paragraphs = paragraphs(text)
        self.speakers: list[tuple[int, Speaker]] = []
        self.found: list[QuoteCandidate] = []

    # -- driver ---------------------------------------------------------------

    def run(self) -> list[QuoteCandidate]:
        directs = self._direct_spans()
        sents = sentences(self.text)
        pending = sorted(directs)
        for sentence in sents:
            inside = [d for d in pending if sentence.start <= d[1] < sentence.end + 1]
            inside = [d for d in inside if d[3] <= sentence.end + 1]
            for d in inside:
                pending.remove(d)
            noted = len(self.speakers)
            indirects = []
            for piece in _pieces(sentence):
                if _FOLLOW_THAT.match(piece.text) and indirects:
                    found = self._that_clause(piece, indirects[-1])
                else:
                    found = self._indirect(piece, inside)
                if found:
                    indirects.append(found)
            for d in inside:
                if any(q.start <= d[0] and d[1] <= q.end + 1 for q in indirects):
                    continue
                self._direct(d, sentence)
            for indirect in indirects:
                self._add(indirect)
            said_here = self.speakers[noted:]
            follow_on = self._saying(sentence, said_here[-1][1] if said_here else None)
            if follow_on:
                self._add(follow_on)
        for d in pending:
            self._direct(d, None)
        self.found.sort(key=lambda q: q.start)
        return self.found

    def _add(self, quote: QuoteCandidate, speaker: Speaker | None = None):
        self.found.append(quote)
        if speaker and speaker.name and not speaker.is_vague:
            self.speakers.append((quote.start, speaker))

    def _note_speaker(self, at: int, speaker: Speaker):
        if speaker.name and not speaker.is_vague:
            self.speakers.append((at, speaker))

    # -- direct quotes --------------------------------------------------------

    def _direct_spans(self) -> list[tuple[int, int, int, int]]:
        """(content start, content end, opening mark, closing mark) of each quote."""
        text = self.text
        spans = []
        paras = self.paragraphs
        skip_until = -1
        # Hostile text (thousands of unclosed marks) must stay linear: a closer not
        # found from some point of a paragraph is not found from any later point,
        # and a multi-paragraph quote's end depends only on the paragraph and mark.
        continued: dict = {}
        for p_index, para in enumerate(paras):
            i = para.start
            if i < skip_until:
                i = skip_until
            unclosed_from: dict[str, int] = {}
            while i < para.end:
                char = text[i]
                closer = _closer_for(text, i)
                if not closer:
                    marks = _ANY_MARK.search(text, i + 1, para.end)
                    i = marks.start() if marks else para.end
                    continue
                if i + 1 >= unclosed_from.get(closer, para.end + 1):
                    j = None
                else:
                    j = _find_close(text, i + 1, para.end, closer)
                    if j is None:
                        unclosed_from[closer] = i + 1
                if j is not None:
                    spans.append((i + 1, j, i, j))
                    i = j + 1
                    continue
                # No closing mark in this paragraph: a multi-paragraph quote if the
                # next paragraphs open with a mark too.
                end = _continued_close(text, paras, p_index, char, closer, continued)
                if end is not None:
                    spans.append((i + 1, end, i, end))
                    skip_until = end + 1
                    break
                i += 1
        result = []
        for a, b, o, c in spans:
            a2, b2 = a, b
            while a2 < b2 and text[a2].isspace():
                a2 += 1
            while b2 > a2 and (text[b2 - 1].isspace() or text[b2 - 1] == ","):
                b2 -= 1
            if b2 > a2:
                result.append((a2, b2, o, c))
        return result

    def _direct(self, span, sentence: Segment | None):
        a, b, opening, closing = span
        text = self.text
        cue = None
        speaker = None
        # After the closing mark: ", said X" / ", X said" / ", reported Y".
        after_end = self._context_end(closing + 1)
        after = text[closing + 1 : after_end]
        found = self._cue_after(closing + 1, after)
        if found:
            cue, speaker = found
        else:
            found = self._cue_before(opening)
            if found:
                cue, speaker = found
        words = len(WORD.findall(text[a:b]))
        if speaker is None:
            speaker = self._inherited(opening)
            if speaker is None and words < 6:
                return
        if cue is None and words < MIN_DIRECT_WORDS:
            return
        if speaker is not None:
            self._note_speaker(a, speaker)
        self._add(self._candidate(a, b, speaker, cue, QuoteKind.DIRECT))

    def _context_end(self, start: int) -> int:
        """Where an attribution after a closing mark ends: sentence, mark or line."""
        text = self.text
        limit = len(text)
        newline = text.find("\n", start)
        if newline != -1:
            limit = newline
        match = SENT_END.search(text, start, limit)
        if match:
            limit = match.start()
        for position in range(start, limit):
            if nm_opening(text, position):
                return position
        return limit

    def _cue_after(self, base: int, after: str):
        stripped = after.lstrip(" ,;—–-\u00a0")
        offset = base + len(after) - len(stripped)
        if not stripped or stripped[0] in ".!?":
            return None
        inside_end = self.text[: base - 1].rstrip()
        if (
            inside_end.endswith(".")
            and stripped[:1].isupper()
            and not _NAME_SAID.match(stripped)
        ):
            return None  # "… lorries." Engineers found …: a new sentence
        verb = DIRECT_VERB_RE.search(stripped)
        if not verb:
            return None
        cue = (verb.group(), offset + verb.start(), offset + verb.end())
        subject = stripped[: verb.start()]
        if not subject.strip():
            # Inverted: "said Jane Roe, director general of the agency".
            rest = stripped[verb.end() :]
            np_end = _np_end(rest)
            start = offset + verb.end()
            return cue, self._speaker(start, start + np_end, cue[1])
        subject = _strip_auxiliaries(subject)
        if len(WORD.findall(subject)) > 14:
            return None
        return cue, self._speaker(offset, offset + len(subject), cue[1])

    def _cue_before(self, opening: int):
        text = self.text
        line_start = text.rfind("\n", 0, opening) + 1
        start = line_start
        for match in SENT_END.finditer(text, line_start, opening):
            start = match.end()
        for position in range(start, opening):
            if text[position] in CLOSING_MARKS and position > line_start:
                if not nm_opening(text, position):
                    start = max(start, position + 1)
        before = text[start:opening]
        if not before.strip():
            return None
        stripped = before.rstrip()
        colon = stripped.endswith(":")
        verbs = list(DIRECT_VERB_RE.finditer(before))
        if verbs:
            verb = verbs[-1]
            between = before[verb.end() :]
            if re.search(r"\bthat\b", between) or len(WORD.findall(between)) > 6:
                return None
            cue = (verb.group(), start + verb.start(), start + verb.end())
            subject = _strip_auxiliaries(before[: verb.start()])
            if not subject.strip():
                return None
            return cue, self._speaker(start, start + len(subject), cue[1])
        special = re.search(
            r"\b(put it \w+|called (?:it|them|him|her|the \w+)|described (?:it|them|"
            r"him|her) as|in a statement|in an interview)\b",
            before,
        )
        if special or colon:
            cue_match = special
            name_end = cue_match.start() if cue_match else len(before)
            subject = _strip_auxiliaries(before[:name_end])
            if not subject.strip():
                return None
            cue = (
                (cue_match.group(), start + cue_match.start(), start + cue_match.end())
                if cue_match
                else (":", start + len(stripped) - 1, start + len(stripped))
            )
            return cue, self._speaker(start, start + len(subject), cue[1])
        return None

    def _inherited(self, position: int) -> Speaker | None:
        """A quote with no cue: the speaker of the quote just before, if close by."""
        if not self.speakers:
            return None
        at, speaker = self.speakers[-1]
        gap = self.text[at:position]
        if gap.count("\n") <= 4:
            return speaker
        return None

    # -- indirect quotes ------------------------------------------------------

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
                if _clashes_with_direct(text, a, b, directs):
                    continue
                if method != self._according_to and NOT_A_CLAUSE.match(clause):
                    continue  # "told residents to stay indoors", "Speaking to …"
                if speaker is not None:
                    self._note_speaker(a, speaker)
                return self._candidate(a, b, speaker, cue, QuoteKind.INDIRECT)
        return None

    def _according_to(self, s, base, body_end):
        lead = _ACCORDING_LEAD.match(s)
        if lead:
            comma = _top_level_comma(s, lead.end())
            if comma is None:
                return None
            np_end = lead.end() + _source_end(s[lead.end() : comma])
            speaker = self._speaker(base + lead.end(), base + np_end, base)
            clause_start = comma + 1
            while clause_start < body_end and s[clause_start].isspace():
                clause_start += 1
            cue = (lead.group(1), base, base + len(lead.group(1)))
            return base + clause_start, base + body_end, speaker, cue
        trail = _ACCORDING_TRAIL.search(s)
        if trail:
            rest = s[trail.end() : body_end]
            speaker_end = base + trail.end() + _np_end(rest)
            speaker = self._speaker(base + trail.end(), speaker_end, base)
            cue = (trail.group(1), base + trail.start(1), base + trail.end(1))
            clause_start = _lead_trim(s)
            return base + clause_start, base + trail.start(), speaker, cue
        return None

    def _understood(self, s, base, body_end):
        """'It is understood that …', '…, it is understood.', 'X are said to …':
        an attribution with no source at all."""
        speaker = Speaker("", None, None, is_vague=True)
        match = _UNDERSTOOD.match(s)
        if match:
            cue = (match.group().strip(), base, base + len(match.group().strip()))
            return base + match.end(), base + body_end, speaker, cue
        match = _UNDERSTOOD_AFTER.search(s, 0, body_end + 1)
        if match is None:
            match = _SAID_TO.search(s, 0, body_end)
            if match is None:
                return None
            cue = (match.group(1), base + match.start(1), base + match.end(1))
            return base + _lead_trim(s), base + body_end, speaker, cue
        cue = (match.group(1), base + match.start(1), base + match.end(1))
        return base + _lead_trim(s), base + match.start(), speaker, cue

    def _parenthetical(self, s, base, body_end):
        match = _PARENTHETICAL.search(s)
        if not match or match.start() == 0:
            return None
        subject = s[_lead_trim(s) : match.start()]
        if _has_clause_verb(subject) or len(WORD.findall(subject)) > 8:
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
        commas = [m.start() for m in _COMMA.finditer(body)]
        for index in range(len(commas) - 1, -1, -1):
            comma = commas[index]
            rest = body[comma + 1 :]
            if _THAT.search(rest) or _COLON_OR_MARK.search(rest):
                continue
            verb = VERB_RE.search(rest)
            if not verb:
                continue
            # What follows a further comma after the cue is a comment on the whole
            # (", a figure developing countries called an insult"), not the cue's.
            after_cue = rest.find(",", verb.end())
            if after_cue != -1 and index + 1 < len(commas):
                rest = rest[:after_cue]
            if _more_words_than(rest, 16):
                continue
            subject = _strip_auxiliaries(rest[: verb.start()])
            cue_start = base + comma + 1 + verb.start()
            cue = (verb.group(), cue_start, cue_start + len(verb.group()))
            if subject.strip():
                if _has_clause_verb(subject) or not _speaker_like(subject):
                    continue
                tail = rest[verb.end() :]
                if _more_words_than(tail, 12) or _has_clause_verb(tail):
                    continue  # "…, X said the outbreak was over": not a trailing cue
                if not _cue_tail(verb.group(), tail):
                    continue  # "…, X promised new fines": the verb has its own object
                subject = _strip_auxiliaries(subject)
                a = base + comma + 1
                speaker = self._speaker(a, a + len(subject), cue_start)
            else:
                first = self._appositive_start(body, base, commas, index)
                tail = rest[verb.end() :]
                if first is not None and (
                    not _cue_tail(verb.group(), tail) or _has_clause_verb(tail)
                ):
                    continue  # "Early on Sunday, Jane Roe, head of X, said <clause>"
                if first is not None:
                    # "<clause>, Jane Roe, 52, an engineer at X, told reporters."
                    comma = commas[first]
                    a = base + comma + 1
                    speaker = self._speaker(a, base + commas[index], cue_start)
                else:
                    after = rest[verb.end() :]
                    np = after[: _np_end(after)]
                    if _has_clause_verb(np) or not _speaker_like(np):
                        continue  # "…, said he had received three offers"
                    a = base + comma + 1 + verb.end()
                    speaker = self._speaker(a, a + len(np), cue_start)
            if not speaker.name and not speaker.is_vague:
                continue
            clause_start = _lead_trim(s)
            if len(WORD.findall(body[clause_start:comma])) < MIN_CLAUSE_WORDS:
                return None
            return base + clause_start, base + comma, speaker, cue
        return None

    def _appositive_start(self, body, base, commas, index):
        """Index of the comma before a bare name followed only by appositives."""
        j = index - 1
        while j >= 0:
            segment = body[commas[j] + 1 : commas[j + 1]]
            if _has_clause_verb(segment) or len(WORD.findall(segment)) > 9:
                return None
            if self._is_bare_name(base + commas[j] + 1, base + commas[j + 1]):
                return j
            j -= 1
        return None

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

    def _that_clause(self, piece: Segment, previous: QuoteCandidate):
        """'… said that A but that B', '… and warned that B': B has A's speaker."""
        a = piece.start + _FOLLOW_THAT.match(piece.text).end()
        b = piece.start + len(piece.text.rstrip().rstrip(".!?"))
        if len(WORD.findall(self.text[a:b])) < 2:
            return None
        return replace(previous, start=a, end=b, text=self.text[a:b])

    def _quoted_as_saying(self, s, base, body_end):
        match = QUOTED_AS_SAYING.search(s, 0, body_end)
        if not match or match.group(1).startswith("by "):
            return None
        speaker = self._speaker(base + match.start(1), base + match.end(1), base)
        cue = ("quoted as saying", base + match.start(), base + match.end())
        return base + match.end(), base + body_end, speaker, cue

    def _leading(self, s, base, body_end):
        start = _lead_trim(s)
        adverbial = LEAD_ADVERBIAL.match(s[start:])
        if adverbial:
            start += adverbial.end()
        verb = VERB_RE.search(s, start, body_end)
        if not verb:
            return None
        subject = s[start : verb.start()]
        # "John Doe, who has led the city since 2019, told …"
        tail = _after_subordinator(subject)
        if tail != subject:
            start += len(subject) - len(tail)
            subject = tail
        subject_core = re.sub(r",\s*(?:who|which|\w+ing)\b[^,]*,", ",", subject)
        if not subject.strip() or len(WORD.findall(subject_core)) > 14:
            return None
        if _has_clause_verb(_strip_auxiliaries(subject_core)) or re.search(
            r"[“”\"«»]", subject
        ):
            return None
        clause_start = None
        rest = s[verb.end() : body_end]
        that = _THAT.search(rest)
        if that and (
            len(WORD.findall(rest[: that.start()])) > 12
            or _has_clause_verb(rest[: that.start()])
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
        subject_text = _strip_auxiliaries(subject)
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
        match = _REPORTEDLY.search(s)
        if not match:
            return None
        speaker = Speaker("", None, None, is_vague=True)
        cue = (match.group(1), base + match.start(1), base + match.end(1))
        return base + _lead_trim(s), base + body_end, speaker, cue

    def _nested(self, a: int, b: int):
        """'X had told officials <clause>' inside a reported clause: the inner one."""
        clause = self.text[a:b]
        verb = VERB_RE.search(clause)
        if not verb or verb.start() == 0:
            return None
        subject = clause[: verb.start()]
        if _has_clause_verb(_strip_auxiliaries(subject)) or "," in subject:
            return None
        runs = nm.name_runs(self.text, a, a + len(subject))
        if not runs:
            return None
        inner = self._leading(clause + ".", a, len(clause))
        if inner is None or inner[2] is None or not inner[2].name:
            return None
        return inner

    # -- speakers -------------------------------------------------------------

    def _speaker(self, a: int, b: int, position: int) -> Speaker:
        """Who the noun phrase text[a:b] names, resolved against the text before."""
        text = self.text
        segment = text[a:b]
        # Trim spaces, punctuation and a leading conjunction.
        lead = re.match(r"^[\s,;:—–\-]*(?:(?:and|but|while|as)\s+)?", segment)
        a += lead.end()
        segment = text[a:b]
        segment_trimmed = segment.rstrip(" ,;:.—–-")
        b = a + len(segment_trimmed)
        if a >= b:
            return Speaker("", None, None)
        position = min(position, a) if position else a
        parts = _comma_parts(text, a, b)
        parts = [
            p
            for p in parts
            if not re.match(r"\s*(?:who|which|whose|whom)\b", text[p[0] : p[1]])
        ] or parts
        chosen = next((p for p in parts if self._is_bare_name(*p)), parts[-1])
        pa, pb = chosen
        while pa < pb and text[pa].isspace():
            pa += 1
        piece = text[pa:pb]
        lowered = piece.lower().strip()
        # Pronouns.
        if lowered in PRONOUNS_PERSON:
            return self._resolve_pronoun(position, person=True, fallback=(pa, pb))
        if lowered in PRONOUNS_OTHER:
            return self._resolve_pronoun(position, person=False, fallback=(pa, pb))
        # "a spokesperson for X", "a statement by X", "data from the X".
        prefix = SPEAKER_PREFIX.match(piece)
        if prefix:
            pa += prefix.end()
            piece = text[pa:pb]
            lowered = piece.lower().strip()
        role = self._role(piece, position)
        if role is not None:
            return role
        runs = [
            r
            for r in nm.name_runs(text, pa, pb)
            if (r.text.lower() not in nm.STOP or is_acronym(r.text))
            and r.text.lower() not in VAGUE_HEADS
            and not (r.start == pa and nm.is_common_word(r.text))
            and not r.text.endswith(("-based", "-born"))  # "the Oslo-based firm"
        ]
        words = [w.lower() for w in WORD.findall(piece)]
        # "Police in the capital", "sources close to the minister": still no one named.
        modifier = re.search(
            r"\b(?:in|close to|familiar with|near|across|around|inside)\b",
            piece,
            re.IGNORECASE,
        )
        # The head of the source's noun phrase: "police sources" → "sources", but
        # "sources close to the police" → "sources".
        head_words = WORD.findall(piece[: modifier.start()] if modifier else piece)
        vague_head = next(
            (w.lower() for w in reversed(head_words) if w.lower() in VAGUE_HEADS),
            next((w for w in words if w in VAGUE_HEADS), None),
        )
        named = [
            r
            for r in runs
            if not _is_demonym(r.text)
            and len(r.text) > 3
            and not (modifier and r.start >= pa + modifier.start())
        ]
        if vague_head and not named:
            match = re.search(rf"\b{re.escape(vague_head)}\b", piece, re.IGNORECASE)
            start = pa + match.start()
            return Speaker(
                text[start : start + len(vague_head)],
                start,
                start + len(vague_head),
                is_vague=True,
            )
        if runs:
            run = runs[-1]
            if modifier:
                # "the Chinese Embassy in Manila": the body, not the place it is in.
                before = [r for r in runs if r.end <= pa + modifier.start()]
                run = before[-1] if before else run
            if len(runs) > 1 and re.fullmatch(
                r"\s+(?:of|at|from|with|for)\s+(?:the\s+)?",
                text[runs[0].end : runs[1].start],
            ):
                run = runs[0]  # 'Anna Berg of Nordbank'
            full = self.index.full_form(run.text)
            is_person = nm.looks_like_person(run) or (
                full != run.text and " " in full and not is_acronym(run.text)
            )
            if is_acronym(run.text) or (prefix and _FOR_A_BODY.search(prefix.group())):
                is_person = False  # "a spokesperson for X": X is a body
            return Speaker(full, run.start, run.end, is_person=is_person)
        return self._resolve_description(words, position, (pa, pb))

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
        head = lx.ROLE_SHORT_FORMS.get(words[-1], words[-1])
        if head not in nm.TITLES or not all(nm.office_word(w) for w in words[1:-1]):
            return None
        name = self.index.last_titled(head, position)
        if name is None:
            return None
        full = self.index.full_form(name.text)
        return Speaker(full, name.start, name.end, is_person=True)

    def _not_a_lone_opener(self, name) -> bool:
        """Not a single capitalised word opening a sentence ("Refinery output …")."""
        return (
            " " in name.text
            or is_acronym(name.text)
            or not _sentence_initial(self.text, name.start)
        )

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
        if not words or words[0] not in {"the", "this", "that", "a", "its", "his"}:
            return as_written
        if any(w.endswith(("'s", "’s")) for w in words):
            return as_written  # "the minister's office": no one more precise
        head = words[-1]
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
            for at, speaker in reversed(self.speakers):
                if (
                    at <= position
                    and (not speaker.is_person or speaker.name in self.index.bodies)
                    and speaker.name[:1].isupper()
                    and not speaker.name.lower().startswith("the ")
                ):
                    return speaker
            name = self.index.last_name(
                position,
                lambda n: (
                    (nm.looks_like_organisation(n) and self._not_a_lone_opener(n))
                    or n.text in self.index.bodies
                ),
            ) or (
                self.index.last_name(
                    position,
                    lambda n: (
                        (
                            " " in n.text
                            or is_acronym(n.text)
                            or not _sentence_initial(self.text, n.start)
                        )
                        and not nm.looks_like_person(n)
                        and not nm.looks_like_place(n)
                    ),
                )
            )
            if name:
                return Speaker(self.index.full_form(name.text), name.start, name.end)
        return as_written

    # -- output ---------------------------------------------------------------

    def _candidate(self, a, b, speaker: Speaker | None, cue, kind) -> QuoteCandidate:
        speaker = speaker or Speaker("", None, None)
        cue = cue or ("", None, None)
        return QuoteCandidate(
            start=a,
            end=b,
            text=self.text[a:b],
            speaker=speaker.name,
            speaker_start=speaker.start,
            speaker_end=speaker.end,
            cue=cue[0],
            cue_start=cue[1],
            cue_end=cue[2],
            kind=str(kind),
            is_vague=speaker.is_vague,
        )


# -- helpers ----------------------------------------------------------------------

_PAIRS = {"“": "”", "«": "»", "‘": "’", '"': '"', "„": "“", "‹": "›"}
_ANY_MARK = re.compile("[" + re.escape("".join(_PAIRS)) + "]")


def nm_opening(text: str, i: int) -> bool:
    return bool(_closer_for(text, i))


def _closer_for(text: str, i: int) -> str:
    """The closing mark if text[i] opens a quotation, else ''."""
    char = text[i]
    if char not in _PAIRS:
        return ""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return ""
    if char in '‘"' and not (before.isspace() or before in "([—–-“«"):
        return ""
    return _PAIRS[char]


def _more_words_than(text: str, limit: int) -> bool:
    """Whether ``text`` has more than ``limit`` words; stops counting past the limit
    (every comma of a long sentence asks this of the rest of the sentence)."""
    return next(islice(WORD.finditer(text), limit, None), None) is not None


def _continued_close(text: str, paras, p_index: int, mark: str, closer: str, memo):
    """Where a quote left open in paragraph ``p_index`` closes, if the paragraphs
    after it each open with ``mark`` (the style of a quote over several paragraphs).

    Every paragraph walked over shares the answer, which ``memo`` keeps.
    """
    key = (mark, closer)
    if (p_index, key) in memo:
        return memo[(p_index, key)]
    k, found = p_index + 1, None
    while k < len(paras) and text[paras[k].start] == mark:
        if (k, key) in memo:
            found = memo[(k, key)]
            break
        found = _find_close(text, paras[k].start + 1, paras[k].end, closer)
        if found is not None:
            break
        k += 1
    for walked in range(p_index, k):
        memo[(walked, key)] = found
    return found


def _find_close(text: str, start: int, end: int, closer: str) -> int | None:
    for j in range(start, end):
        if text[j] != closer:
            continue
        after = text[j + 1] if j + 1 < len(text) else " "
        before = text[j - 1]
        if closer == "’" and (after.isalpha() or before.isspace()):
            continue  # an apostrophe: "won’t", "’90s"
        if closer == '"' and before.isspace() and j > start:
            continue
        return j
    return None


# Patterns of the per-sentence methods, compiled once.
_ACCORDING_LEAD = re.compile(r"(According to|As per|Per)\s+")
_ACCORDING_TRAIL = re.compile(r",\s+(according to|as per)\s+")
_UNDERSTOOD = re.compile(
    r"It is (?:understood|believed|thought|reported|said|claimed|alleged|"
    r"rumoured|rumored|expected) that\s+"
)
_UNDERSTOOD_AFTER = re.compile(
    r",\s+(it is (?:understood|believed|thought|reported))\s*(?=[.!?]?$)"
)
# "Two ministers are said to have threatened …": reported with no source.
_SAID_TO = re.compile(
    r"\b((?:is|are|was|were) (?:said|reported|understood|believed|thought|rumoured|"
    r"rumored|alleged) to)\b"
)
_PARENTHETICAL = re.compile(
    rf",\s+((?:[\w’'\-]+\s+){{1,5}}?)({VERB}|believe|believes|argue)"
    r"(?:\s+(?:on|in|at|last|this|late|early)\s+\w+)?\s*,\s+"
)
_COMMA = re.compile(r",")
_THAT = re.compile(r"\bthat\b")
_COLON_OR_MARK = re.compile(r"[:“”\"«»]")
_REPORTEDLY = re.compile(r"\b(reportedly|allegedly|purportedly)\b")
_NP_BREAK = re.compile(r"[,;.!?:—–(]|\s(?:who|which|that|on|in|at|during|when)\s")
_ABBREVIATED_TITLE_END = re.compile(
    r"\b(?:" + "|".join(nm.ABBREVIATED_TITLES) + r")$", re.IGNORECASE
)
_AUXILIARIES = re.compile(
    r"(?:\s+(?:had|has|have|was|is|also|then|later|again|once|\w+ly|"
    r"has also|had also|would|will|later|further))+\s*$"
)
_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|will|would|has|have|had|can|could|should|may|"
    r"might|did|does|do)\b"
)
_FOLLOW_THAT = re.compile(
    r"(?:(?:also\s+)?(?:warned|added|said|insisted|noted|stressed|argued|claimed|"
    r"told\s+\w+)\s+)?that\s+"
)
_PIECE_BREAK = re.compile(
    r"(?:,\s+(?:but|while|whereas|although|though)\s+|;\s+|"
    r",?\s+(?:but|and)\s+(?=(?:(?:also\s+)?(?:warned|added|said|insisted|noted|"
    r"stressed|argued|claimed|told\s+\w+)\s+)?that\s))(?=[a-zA-Z])"
)


def _pieces(sentence: Segment) -> list[Segment]:
    """A sentence cut where a new clause starts (', but …', '; …')."""
    pieces, start = [], 0
    for match in _PIECE_BREAK.finditer(sentence.text):
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(sentence.text)))
    return [
        Segment(sentence.start + a, sentence.start + b, sentence.text[a:b])
        for a, b in pieces
        if sentence.text[a:b].strip()
    ]


_SUBJECT_STARTERS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "his",
    "her",
    "its",
    "their",
    "one",
    "two",
    "three",
    "several",
    "some",
    "many",
    "most",
    "other",
    "another",
    "both",
    "this",
    "that",
}


# What may follow a speech verb that closes its sentence: a time, place or manner
# ("said on Monday", "said in a statement", "told reporters", "said later").
_CUE_TAIL = re.compile(
    r"\s*(?:$|[,.;:!?)]|(?:on|in|at|last|this|late|early|earlier|later|during|after|"
    r"before|when|while|to|from|via|by|over|as|with|yesterday|today|tonight|"
    r"afterwards|then|again|also|too|adding|according|only|recently|separately|"
    r"previously|publicly|privately|shortly|once)\b)",
    re.IGNORECASE,
)
_OBJECT_VERBS = {"told", "tells", "asked", "assured", "reminded", "informed"}


_FOR_A_BODY = re.compile(r"spokes|representative", re.IGNORECASE)
# "“….” Roe said later.": a short sentence of a name and a cue, after the quote.
_NAME_SAID = re.compile(
    r"[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}\s+(?:said|says|added|told|"
    r"replied|wrote|asked)\b[^.!?“”\"]{0,40}(?:[.!?]|$)"
)


def _cue_tail(verb: str, tail: str) -> bool:
    """Whether ``tail`` can follow a cue verb that closes a reported clause."""
    return verb in _OBJECT_VERBS or bool(_CUE_TAIL.match(tail))


def _speaker_like(subject: str) -> bool:
    """Whether a phrase can name who speaks ('the company', 'Ann Lee', 'experts')."""
    words = WORD.findall(subject)
    if not words:
        return False
    first = words[0]
    return (
        first[0].isupper()
        or first.lower() in _SUBJECT_STARTERS
        or any(w.lower() in VAGUE_HEADS for w in words)
        # "county elections director Jane Roe", "state health officials"
        or (len(words) <= 6 and any(w[0].isupper() for w in words[1:]))
    )


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(' “"«‘')
    return not before or before[-1] in ".!?\n"


def _clashes_with_direct(text: str, a: int, b: int, directs) -> bool:
    """A reported clause that cuts through a direct quote, or is nothing but one."""
    for _, _, opening, closing in directs:
        overlap = min(b, closing + 1) - max(a, opening)
        if overlap <= 0:
            continue
        inside = a <= opening and closing < b
        if not inside or len(WORD.findall(text[a:opening])) < 2:
            return True
    return False


_SUBORDINATOR = re.compile(
    r"\b(?:after|when|because|while|since|before|as|although|though|once|until|"
    r"and|but)\s+(?=(?:the|a|an|its|his|her|their|[A-Z]))"
)


def _after_subordinator(subject: str) -> str:
    """'Shares rose 6% after the company' → 'the company' (the speaker's part)."""
    matches = list(_SUBORDINATOR.finditer(subject))
    if not matches:
        return subject
    return subject[matches[-1].end() :]


def _source_end(source: str) -> int:
    """'court documents filed on Monday' → 'court documents'."""
    match = re.search(
        r"\s+(?:filed|released|issued|seen|obtained|reviewed|dated|published)\s+"
        r"(?:on|last|this|earlier)\b|\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|"
        r"Friday|Saturday|Sunday)\b",
        source,
    )
    return match.start() if match else len(source)


def _np_end(rest: str) -> int:
    """End of a noun phrase at the start of ``rest``: up to a comma or clause word."""
    for match in _NP_BREAK.finditer(rest):
        if match.group() == "." and _ABBREVIATED_TITLE_END.search(
            rest[: match.start()]
        ):
            continue  # "state Sen. Jane Roe"
        return match.start()
    return len(rest)


def _strip_auxiliaries(subject: str) -> str:
    return _AUXILIARIES.sub("", subject.rstrip())


def _has_clause_verb(subject: str) -> bool:
    """A subject with its own verb is a clause, not a speaker's name."""
    return bool(_CLAUSE_VERB.search(subject)) or len(WORD.findall(subject)) > 12


def _comma_parts(text: str, a: int, b: int) -> list[tuple[int, int]]:
    parts, start, depth = [], a, 0
    for i in range(a, b):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth = max(0, depth - 1)
        elif text[i] == "," and depth == 0:
            if text[start:i].strip():
                parts.append((start, i))
            start = i + 1
    if text[start:b].strip():
        parts.append((start, b))
    return parts or [(a, b)]


def _top_level_comma(s: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(s)):
        if s[i] == "(":
            depth += 1
        elif s[i] == ")":
            depth = max(0, depth - 1)
        elif s[i] == "," and depth == 0:
            return i
    return None


def _lead_trim(s: str) -> int:
    i = 0
    while i < len(s) and (s[i].isspace() or s[i] in '“"«‘—–-'):
        i += 1
    return i


_DEMONYMS = re.compile(
    r"^(?:[A-Z][a-z]+(?:ese|ian|ish|an|i|ic|ch))$|^(?:Chinese|British|Dutch|French|"
    r"Greek|Swiss|Thai|Soviet)$"
)


def _is_demonym(word: str) -> bool:
    return bool(_DEMONYMS.match(word)) and " " not in word
