"""The patterns and small text tests the quote finder's parts share.

Pure functions on strings: where a noun phrase ends, whether a phrase can name a
speaker, what may follow a cue verb. Read by ``suggest.quotes``, ``suggest.indirect``
and ``suggest.speakers``.
"""

import re
from itertools import islice

from suggest import names as nm
from suggest.analysis import WORD
from suggest.cues import (
    VAGUE_HEADS,
    VERB,
)
from suggest.text import Segment


def more_words_than(text: str, limit: int) -> bool:
    """Whether ``text`` has more than ``limit`` words; stops counting past the limit
    (every comma of a long sentence asks this of the rest of the sentence)."""
    return next(islice(WORD.finditer(text), limit, None), None) is not None


# Patterns of the per-sentence methods, compiled once.


ACCORDING_LEAD = re.compile(r"(According to|As per|Per)\s+")


ACCORDING_TRAIL = re.compile(r",\s+(according to|as per)\s+")


UNDERSTOOD = re.compile(
    r"It is (?:understood|believed|thought|reported|said|claimed|alleged|"
    r"rumoured|rumored|expected)(?: that\s+|\s+(?!that\b|to\b|by\b)(?=[a-z]))"
)

# "Critics argue that …", "Studies show …", "Reports suggest …": a source named only
# by what kind it is, with the verbs such sources take in the present tense.
VAGUE_LEAD = re.compile(
    r"(?:(?:Some|Many|Several|Other|Recent|New)\s+)?(?P<head>Critics|Studies|"
    r"Reports|Research|Surveys|Polls|Observers|Experts|Analysts|Scientists|"
    r"Researchers|Economists|Sources|Estimates|Rumours|Rumors|Opponents|"
    r"Supporters)\s+(?:have\s+|had\s+)?(?P<verb>argue[sd]?|show[sn]?|showed|"
    r"suggest(?:s|ed)?|indicate[sd]?|contend(?:s|ed)?|warn(?:s|ed)?|believe[sd]?|"
    r"claim(?:s|ed)?|allege[sd]?|say|said|note[sd]?|maintain(?:s|ed)?|insist(?:s|ed)?"
    r")\b(?:\s+that\b)?\s+"
)


UNDERSTOOD_AFTER = re.compile(
    r",\s+(it is (?:understood|believed|thought|reported))\s*(?=[.!?]?$)"
)


# "Two ministers are said to have threatened …": reported with no source.


SAID_TO = re.compile(
    r"\b((?:is|are|was|were) (?:said|reported|understood|believed|thought|rumoured|"
    r"rumored|alleged) to)\b"
)


PARENTHETICAL = re.compile(
    rf",\s+((?:[\w’'\-]+\s+){{1,5}}?)({VERB}|believe|believes|argue)"
    r"(?:\s+(?:on|in|at|last|this|late|early)\s+\w+)?\s*,\s+"
)


COMMA = re.compile(r",")


THAT = re.compile(r"\bthat\b")


COLON_OR_MARK = re.compile(r"[:“”\"«»]")


REPORTEDLY = re.compile(r"\b(reportedly|allegedly|purportedly)\b")


NP_BREAK = re.compile(r"[,;.!?:—–(]|\s(?:who|which|that|on|in|at|during|when)\s")


ABBREVIATED_TITLE_END = re.compile(
    r"\b(?:" + "|".join(nm.ABBREVIATED_TITLES) + r")$", re.IGNORECASE
)


AUXILIARIES = re.compile(
    r"(?:\s+(?:had|has|have|was|is|also|then|later|again|once|\w+ly|"
    r"has also|had also|would|will|later|further))+\s*$"
)


CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|will|would|has|have|had|can|could|should|may|"
    r"might|did|does|do)\b"
)


FOLLOW_THAT = re.compile(
    r"(?:(?:also\s+)?(?:warned|added|said|insisted|noted|stressed|argued|claimed|"
    r"told\s+\w+)\s+)?that\s+"
)


PIECE_BREAK = re.compile(
    r"(?:,\s+(?:but|while|whereas|although|though)\s+|;\s+|"
    r",?\s+(?:but|and)\s+(?=(?:(?:also\s+)?(?:warned|added|said|insisted|noted|"
    r"stressed|argued|claimed|told\s+\w+)\s+)?that\s))(?=[a-zA-Z])"
)


def pieces(sentence: Segment) -> list[Segment]:
    """A sentence cut where a new clause starts (', but …', '; …')."""
    pieces, start = [], 0
    for match in PIECE_BREAK.finditer(sentence.text):
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(sentence.text)))
    return [
        Segment(sentence.start + a, sentence.start + b, sentence.text[a:b])
        for a, b in pieces
        if sentence.text[a:b].strip()
    ]


SUBJECT_STARTERS = {
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


CUE_TAIL = re.compile(
    r"\s*(?:$|[,.;:!?)]|(?:on|in|at|last|this|late|early|earlier|later|during|after|"
    r"before|when|while|to|from|via|by|over|as|with|yesterday|today|tonight|"
    r"afterwards|then|again|also|too|adding|according|only|recently|separately|"
    r"previously|publicly|privately|shortly|once|"
    # AP style drops the "on": "NASA said Thursday."
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
    re.IGNORECASE,
)


OBJECT_VERBS = {"told", "tells", "asked", "assured", "reminded", "informed"}


FOR_A_BODY = re.compile(r"spokes|representative", re.IGNORECASE)


# "“….” Roe said later.": a short sentence of a name and a cue, after the quote.


NAME_SAID = re.compile(
    r"[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,5}\s+(?:said|says|added|told|"
    r"replied|wrote|asked)\b[^.!?“”\"]{0,40}(?:[.!?]|$)"
)


def cue_tail(verb: str, tail: str) -> bool:
    """Whether ``tail`` can follow a cue verb that closes a reported clause."""
    return verb in OBJECT_VERBS or bool(CUE_TAIL.match(tail))


def speaker_like(subject: str) -> bool:
    """Whether a phrase can name who speaks ('the company', 'Ann Lee', 'experts')."""
    words = WORD.findall(subject)
    if not words:
        return False
    first = words[0]
    return (
        first[0].isupper()
        or first.lower() in SUBJECT_STARTERS
        or any(w.lower() in VAGUE_HEADS for w in words)
        # "county elections director Jane Roe", "state health officials"
        or (len(words) <= 6 and any(w[0].isupper() for w in words[1:]))
    )


def sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(' “"«‘')
    return not before or before[-1] in ".!?\n"


def clashes_with_direct(text: str, a: int, b: int, directs) -> bool:
    """A reported clause that cuts through a direct quote, or is nothing but one."""
    for _, _, opening, closing in directs:
        overlap = min(b, closing + 1) - max(a, opening)
        if overlap <= 0:
            continue
        inside = a <= opening and closing < b
        if not inside or len(WORD.findall(text[a:opening])) < 2:
            return True
    return False


SUBORDINATOR = re.compile(
    r"\b(?:after|when|because|while|since|before|as|although|though|once|until|"
    r"and|but)\s+(?=(?:the|a|an|its|his|her|their|[A-Z]))"
)


def after_subordinator(subject: str) -> str:
    """'Shares rose 6% after the company' → 'the company' (the speaker's part)."""
    matches = list(SUBORDINATOR.finditer(subject))
    if not matches:
        return subject
    return subject[matches[-1].end() :]


def source_end(source: str) -> int:
    """'court documents filed on Monday' → 'court documents'."""
    match = re.search(
        r"\s+(?:filed|released|issued|seen|obtained|reviewed|dated|published)\s+"
        r"(?:on|last|this|earlier)\b|\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|"
        r"Friday|Saturday|Sunday)\b",
        source,
    )
    return match.start() if match else len(source)


def noun_phrase_end(rest: str) -> int:
    """End of a noun phrase at the start of ``rest``: up to a comma or clause word."""
    for match in NP_BREAK.finditer(rest):
        if match.group() == "." and ABBREVIATED_TITLE_END.search(rest[: match.start()]):
            continue  # "state Sen. Jane Roe"
        return match.start()
    return len(rest)


def strip_auxiliaries(subject: str) -> str:
    return AUXILIARIES.sub("", subject.rstrip())


def has_clause_verb(subject: str) -> bool:
    """A subject with its own verb is a clause, not a speaker's name."""
    return bool(CLAUSE_VERB.search(subject)) or len(WORD.findall(subject)) > 12


def comma_parts(text: str, a: int, b: int) -> list[tuple[int, int]]:
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


def top_level_comma(s: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(s)):
        if s[i] == "(":
            depth += 1
        elif s[i] == ")":
            depth = max(0, depth - 1)
        elif s[i] == "," and depth == 0:
            return i
    return None


def lead_trim(s: str) -> int:
    i = 0
    while i < len(s) and (s[i].isspace() or s[i] in '“"«‘—–-'):
        i += 1
    return i


DEMONYMS = re.compile(
    r"^(?:[A-Z][a-z]+(?:ese|ian|ish|an|i|ic|ch))$|^(?:Chinese|British|Dutch|French|"
    r"Greek|Swiss|Thai|Soviet)$"
)


def is_demonym(word: str) -> bool:
    return bool(DEMONYMS.match(word)) and " " not in word
