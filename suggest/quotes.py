"""Find quotes and attributions, and who they are credited to.

Direct quotes are found from quotation marks (“…”, "…", ‘…’, «…»), including quotes
that run over several paragraphs (an opening mark on every paragraph, a closing mark
only at the end). Their speaker comes from the cue around them: after ("…," said X /
"…," X said / "…," reported Global Times), before (X said, "…" / X put it bluntly: "…")
or, for a quote with no cue, the speaker of the quote just before it.

Indirect quotes are reported clauses: "According to X, …", "As per X, …", "…, according
to X", "X said (that) …", "X told <agency> that …", "…, X said", "…, saying …", and
"X, experts say, …". Attributions to no one identifiable ("experts say", "sources said",
"officials said", "reportedly", "it is understood that", "a spokesperson" with no
body named, "a man who lives nearby", "an official, speaking on condition of
anonymity,") are marked vague.

Pronouns and descriptions are resolved to a name in the text: "he"/"she" to the last
person speaker (or person named) whose gender, where the text makes it clear
(``suggest.gender``), does not contradict the pronoun; when the nearest candidate
contradicts it and no one clearly matches, the pronoun stays as written and the quote
is marked ``is_speaker_unclear`` for the editor; "it"/"they" to the last organisation
speaker,
"the minister" to the last person introduced with that title, "the agency" to the last
organisation whose name has that word, "Dr Roe" to "Jane Roe", "CMSA" to the name
it abbreviates.

The finder is split for reading: this module finds quotation marks and direct quotes
and drives the rest; ``suggest.indirect`` finds reported clauses, ``suggest.speakers``
resolves whom a cue names, and ``suggest.quote_rules`` holds the patterns they share.
"""

import re
from dataclasses import dataclass

from suggest import names as nm
from suggest.analysis import WORD
from suggest.cues import (
    DIRECT_VERB_RE,
    MIN_DIRECT_WORDS,
    SENT_END,
)
from suggest.indirect import IndirectQuotes
from suggest.kinds import QuoteKind
from suggest.quote_rules import (
    FOLLOW_THAT,
    NAME_SAID,
    noun_phrase_end,
    pieces,
    strip_auxiliaries,
)
from suggest.speakers import Speaker, SpeakerResolver
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
    # "he"/"she" left as written: the text's genders rule out the usual speaker.
    is_speaker_unclear: bool = False


def find_quotes(text: str) -> list[QuoteCandidate]:
    """Direct and indirect quotes in ``text`` with their speakers, in text order."""
    return _Finder(text).run()


class _Finder(IndirectQuotes, SpeakerResolver):
    def __init__(self, text: str):
        self.text = text
        self.index = nm.build_index(text)
        self.paragraphs = paragraphs(text)
        self.speakers: list[tuple[int, Speaker]] = []
        self._known_genders: dict[str, str] | None = None
        self._ends: list[int] | None = None
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
            for piece in pieces(sentence):
                if FOLLOW_THAT.match(piece.text) and indirects:
                    found = self._that_clause(piece, indirects[-1])
                    if found is not None and found.start == indirects[-1].start:
                        indirects[-1] = found
                        continue
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
        if cue is None and words < MIN_DIRECT_WORDS and not self._same_turn(opening):
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
            and not NAME_SAID.match(stripped)
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
            np_end = noun_phrase_end(rest)
            start = offset + verb.end()
            return cue, self._speaker(start, start + np_end, cue[1])
        subject = strip_auxiliaries(subject)
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
            subject = strip_auxiliaries(before[: verb.start()])
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
            subject = strip_auxiliaries(before[:name_end])
            if not subject.strip():
                return None
            cue = (
                (cue_match.group(), start + cue_match.start(), start + cue_match.end())
                if cue_match
                else (":", start + len(stripped) - 1, start + len(stripped))
            )
            return cue, self._speaker(start, start + len(subject), cue[1])
        return None

    def _same_turn(self, opening: int) -> bool:
        """A quote right after the last one's cue, in its paragraph ('“A,” she
        said. “B.”'): the same speaker goes on, however short B is."""
        if not self.found:
            return False
        gap = self.text[self.found[-1].end : opening]
        return "\n" not in gap and len(gap) < 40 and bool(self.found[-1].speaker)

    def _inherited(self, position: int) -> Speaker | None:
        """A quote with no cue: the speaker of the quote just before, if close by."""
        if not self.speakers:
            return None
        at, speaker = self.speakers[-1]
        # Counted from where that quote ends: one running over paragraphs is near.
        at = max([q.end for q in self.found[-3:] if q.start == at] + [at])
        gap = self.text[at:position]
        if gap.count("\n") <= 4:
            return speaker
        return None

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
            is_speaker_unclear=speaker.is_unclear,
        )


# -- quotation marks ---------------------------------------------------------------

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
