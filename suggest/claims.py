"""Find check-worthy sentences and propose re-check dates for time-sensitive ones.

A sentence is suggested as a claim when it carries something a checker can test: a
number, percentage or sum of money, a date, a superlative, a "first", "record" or
"only", a comparison with a figure — or, failing those, at least two names (capitalised
words after the first). Questions, short fragments and quotes of pure opinion (a direct
quote with none of the above) are skipped.

Re-check dates, from the article's publication date ``published_on``:
- "by 2025", "by the end of 2025" → 1 January 2026 (the day after the deadline);
  "by the end of the year" → 1 January of the next year;
- "before 2030" → 1 January 2030;
- "in March 2027", "by March 2027" → 1 April 2027; "in 2026" (a year not yet past) →
  1 January 2027;
- "next month" → the first day of the month after next; "next year" → 1 January of
  the year after next; "next week" → 14 days on; "next spring/summer/…" → one year on;
- "within a year", "within 48 hours", "(take) around a year" → that long after
  publication; "in the coming years" → two years on; "in the coming months" → six
  months on; "in the coming weeks/days" → one month on;
- a plan or prediction with no date ("will", "is expected to", "plans to") → one year
  on;
- durations and dates relative to publication ("nearly four years", "earlier this
  year", "last month", "this week") → the publication date itself: the claim is true
  only as of that date, so it is flagged "date-relative" to be checked against it.
The earliest date found wins. With no publication date, the relative rules give no
date (``recheck_on`` is None, the reason is still given); absolute ones ("by 2025")
still do.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from suggest.analysis import WORD
from suggest.cues import VAGUE_HEADS
from suggest.names import name_runs
from suggest.text import CLOSING_MARKS, OPENING_MARKS, sentences


@dataclass(frozen=True)
class ClaimCandidate:
    start: int
    end: int
    text: str
    reasons: tuple[str, ...]
    recheck_on: date | None


MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH = "|".join(MONTHS)
NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|"
    r"billions|trillion|dozen|dozens|half|third|quarter|twice|double|triple"
)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "eighteen": 18,
    "twenty": 20,
    "few": 3,
    "several": 3,
}

CHECKS = (
    ("percentage", re.compile(r"\d\s?(?:%|per ?cent\b|percentage points?\b)", re.I)),
    (
        "money",
        re.compile(
            # A figure is matched from its first digit only: starting again inside
            # "1,2,1,2,…" made the search quadratic in the figure's length.
            r"[$€£¥₹]\s?\d|(?<!\d)(?<!\d[,.])\b\d[\d,.]*+\s?"
            r"(?:dollars|euros|pounds|rupees|yuan|yen|crore|lakh)\b",
            re.I,
        ),
    ),
    ("number", re.compile(rf"\d|\b(?:{NUMBER_WORDS})\b", re.I)),
    (
        "date",
        re.compile(
            rf"\b(?:{_MONTH}|monday|tuesday|wednesday|thursday|friday|saturday|"
            r"sunday|yesterday|today|tomorrow|last (?:year|month|week)|this (?:year|"
            r"month|week)|next (?:year|month|week)|(?:1[89]|20)\d\d)\b",
            re.I,
        ),
    ),
    (
        "superlative",
        re.compile(
            r"\b(?:most|least|largest|biggest|highest|lowest|best|worst|oldest|"
            r"youngest|fastest|slowest|longest|shortest|greatest|smallest|deadliest|"
            r"richest|poorest|cheapest|strongest|weakest|heaviest|latest|"
            r"\w{3,}iest)\b",
            re.I,
        ),
    ),
    (
        "first",
        re.compile(
            r"\b(?:first|only|never|ever|unprecedented|record|records|historic)\b",
            re.I,
        ),
    ),
    (
        "comparison",
        re.compile(
            r"\b(?:more|less|fewer|higher|lower|greater|smaller|bigger|larger|"
            r"up|down|rose|fell|increased|decreased|doubled|halved|than)\b",
            re.I,
        ),
    ),
)
STRONG = {"percentage", "money", "number", "date", "superlative", "first"}
_OPINION_QUOTE = re.compile(r"^[“\"«‘]")
_CLOSING = re.compile(r"[”»\"](?=\W|$)")
_QUOTE_MARK = re.compile(r"[“”«»]")
_DIGIT = re.compile(r"\d")
# Reported statements: "X said that …", "according to X".
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|told|wrote|reported|announced|confirmed|stated|found|"
    r"showed)\s+(?:\w+\s+){0,6}?that\b|\baccording to\b|\bas per\b|"
    r"\b(?:said|says|told|warned|added)\s+(?:\w+\s+){0,4}?(?:would|will|had|has|"
    r"was|were|is|are|could)\b",
    re.I,
)
# A plan or prediction with no date: look again a year after publication.
_FUTURE = re.compile(
    r"\b(?:will|is expected to|are expected to|plans? to|is set to|are set to|"
    r"aims? to|is due to|are due to|intends? to)\b"
)


# "X has stepped down as …", "was appointed", "is no longer": a change of office or
# status, checkable on its own when a name goes with it.
_STATUS = re.compile(
    r"\b(?:has|have|had|was|were|is|are|will be)\s+(?:been\s+|also\s+)?"
    r"(?:stepped down|resigned|appointed|named|elected|re-elected|sacked|dismissed|"
    r"fired|suspended|arrested|charged|convicted|acquitted|jailed|sentenced|"
    r"promoted|nominated|sworn in|retired|quit|ousted)\b|\bis no longer\b|"
    r"\b(?:stepped down|resigned|quit) as\b",
    re.I,
)
# "<clause>, the company said." / "<clause>, said X, …": a reported statement of fact
# (not a guess: "could", "might" and "may" clauses stay out).
_TRAILING_ATTRIBUTION = re.compile(
    r",\s+(?:(?:said|added|told)\s+[^,]{2,60}|[^,]{2,60}?\s+(?:said|says|added|"
    r"told\s+\w+|confirmed|announced|stated|replied))\b[^,]{0,30}(?:,[^,]{0,60})?"
    r"[.!]?$"
)
_PRONOUN_ATTRIBUTION = re.compile(
    r",\s+(?:he|she|they|it|we)\s+(?:said|says|added|told|confirmed)\b", re.I
)
# "… did not comment", "declined to comment": a refusal is no claim.
_REFUSAL = re.compile(
    r"\b(?:not|declined to|refused to|no)\s+(?:immediately\s+)?(?:comment|respond)",
    re.I,
)
_FACT_VERB = re.compile(r"\b(?:would|will|had|has|have|was|were|is|are|did)\b", re.I)
_GUESS = re.compile(r"\b(?:could|might|may)\b", re.I)
# A thing counted in words ("three days", "six seasons"): a figure as much as "3".
# Vague plurals ("thousands of galaxies", "dozens of times") count nothing exactly.
_COUNTED = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:\s+(?:hundred|thousand|"
    r"million|billion))?\s+[a-z]{3,}",
    re.I,
)
# The speaker's own account of what they did: "We have received …", "I asked …".
# Verbs of feeling, thinking and perceiving report a state of mind, not a deed.
_FIRST_PERSON_DEED = re.compile(
    r"^(?:I|We)\s+(?:(?:have|had|already|never|just|also)\s+){0,2}"
    r"(?!(?:felt|thought|believed|hoped|wanted|wished|loved|liked|hated|feared|"
    r"seen|saw|known|knew|been|had|never|always|enjoyed|worried|tried|learned|"
    r"learnt|heard|needed|expected|dreamed|dreamt)\b)"
    r"(?:\w+ed|lost|won|paid|sent|sold|bought|made|gave|given|got|received|"
    r"told|took|taken|spent|built|cut|met|left|found|brought|wrote|written|"
    r"signed|agreed|asked|offered)\b"
)
# A named actor's deed in the past tense ("X lost his seat", "Y blamed delays"):
# what someone did is on the record. Verbs of saying, feeling and expecting report
# words or a state of mind, and "-ed" words that are no verbs are left out.
_PAST_DEED = re.compile(
    r"\b(?:[a-z]{3,}ed|lost|won|paid|sent|sold|bought|gave|took|spent|built|"
    r"met|left|brought|fought|drove|stole|struck|beat|shot|broke|fled|"
    r"led|held|chose|hit|quit|rose|fell|grew)\b"
)
_NOT_DEEDS = frozenset(
    """said added told replied warned declined refused hoped feared wanted expected
    believed worried concerned interested pleased delighted surprised disappointed
    shocked tired hundred need indeed speed seed feed bleed breed proceed exceed
    succeed asked answered noted described called named based related used supposed
    aged alleged reported quoted emailed tweeted posted stated claimed argued insisted
    suggested predicted estimated welcomed praised criticised criticized seemed
    appeared looked sounded urged explained recalled wondered joked laughed smiled
    shouted cried""".split()
)
# "The board said in a statement that every payment had followed the rules": what a
# source says already happened, in the past perfect after "that", is on the record.
_REPORTED_PAST = re.compile(
    r"\b(?:said|told\s+\w+|confirmed|announced|stated|disclosed|revealed)\b"
    r"[^.;]{0,60}?\bthat\b[^.;]{0,120}?\bhad\s+(?:been\s+|not\s+|never\s+)?"
    r"[a-z]{3,}"
)
# An unnamed group's guess ("…could slip into Sunday, diplomats said"; "Analysts
# said … was likely …"): nobody stands behind it and nothing in it can be checked yet.
_VAGUE_SOURCE = "|".join(sorted(VAGUE_HEADS - {"some", "many", "others"}))
_VAGUE_ATTRIBUTION = re.compile(
    rf"(?:^|,\s+)(?:\w+\s+)?(?:{_VAGUE_SOURCE})"
    r"(?:\s+(?:aware|familiar|close|briefed|involved)(?:\s+[\w’'\-]+){1,5}?)?"
    r"\s+(?:have\s+|had\s+)?"
    r"(?:said|say|says|warned|warn|predicted|believe|think|expect|suggested)\b",
    re.I,
)
_HEDGE = re.compile(r"\b(?:could|might|may|likely|unlikely|possibly|perhaps)\b")
# "Roe had repaid the money, she said.": a named person's past deed, reported.
_NAMED_PAST_PERFECT = re.compile(
    r"^[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*\s+had\s+"
    r"(?:(?:not|never|already|since|also|been)\s+)*[a-z]{3,}"
)
_CLAUSE_BREAK = re.compile(r";\s+")
MIN_SENTENCE_WORDS = 6
MIN_CLAUSE_WORDS = 3


def find_claims(text: str, *, published_on: date | None = None) -> list[ClaimCandidate]:
    """Check-worthy sentences of ``text`` with their reasons and re-check dates.

    A sentence that is a direct quote with its attribution is judged on the quoted
    words, and its claim is those words; two clauses joined by a semicolon are
    judged, and suggested, one by one.
    """
    claims = []
    regions = _quote_regions(text)
    for sentence in sentences(text):
        start, end = sentence.start, sentence.end
        while start < end and (text[start] in OPENING_MARKS or text[start].isspace()):
            start += 1
        body = text[start:end]
        if _too_short(body) or body.rstrip('”’"» ').endswith("?"):
            continue
        quoted = _quoted_part(text[sentence.start : end])
        if quoted is not None and quoted.rstrip(" ,").endswith("?"):
            continue  # "“Who approved these contracts?” asked …"
        span = _quotation(text, sentence.start, end)
        inside = span is None and _within(regions, start, end)
        if span is not None:
            start, end = span
        elif inside:
            while end > start and text[end - 1] in CLOSING_MARKS + " ,":
                end -= 1
        for a, b in _clauses(text, start, end):
            quoted = span is not None or inside
            claim = _judge(text, a, b, published_on, quoted=quoted)
            if claim is not None:
                claims.append(claim)
    return claims


def _too_short(body: str) -> bool:
    """Under six words, unless a figure and a verb make a fact ("X has repaid
    £40,000."); "The vote was close." is too short to check."""
    count = len(WORD.findall(body))
    if count >= MIN_SENTENCE_WORDS:
        return False
    return not (
        count >= MIN_CLAUSE_WORDS
        and _DIGIT.search(body)
        and (_FACT_VERB.search(body) or _past_deed(body))
    )


def _judge(text, start, end, published_on, *, quoted: bool) -> ClaimCandidate | None:
    """The claim that ``text[start:end]`` makes, if a checker could check it."""
    body = text[start:end]
    words = WORD.findall(body)
    reasons = [name for name, pattern in CHECKS if pattern.search(body)]
    if "comparison" in reasons and "number" not in reasons:
        reasons.remove("comparison")
    all_names = name_runs(text, start, end)
    names = [n for n in all_names if n.start > start + len(words[0])]
    if names:
        reasons.append("named entity")
    if all_names and not STRONG.intersection(reasons) and _STATUS.search(body):
        reasons.append("status")  # looked for only where it decides
    if (
        not {"percentage", "money"}.intersection(reasons)
        and _HEDGE.search(body)
        and _VAGUE_ATTRIBUTION.search(body)
    ):
        return None  # an unnamed group's guess
    strong = STRONG.intersection(reasons) or "status" in reasons
    if quoted:
        reasons.extend(_quoted_facts(body, named=bool(names)))
    if (
        quoted
        and not _DIGIT.search(body)
        and len(names) < 2
        and not {"status", *QUOTED_FACTS}.intersection(reasons)
    ):
        return None  # words of opinion or feeling, however long the attribution
    recheck, time_reasons = recheck_date(body, published_on)
    if names and _ATTRIBUTED.search(body):
        reasons.append("attributed")
    elif not quoted and not strong and len(names) < 2 and _reported_fact(body):
        reasons.append("attributed")
    elif (
        not quoted
        and all_names
        and all_names[0].start == start
        and _NAMED_PAST_PERFECT.match(body)
    ):
        reasons.append("attributed")
    elif (
        not quoted
        and "had" in body
        and _REPORTED_PAST.search(body)
        and not _GUESS.search(body)
    ):
        reasons.append("attributed")
    if not quoted and names and not strong and _past_deed(body):
        reasons.append("deed")
    if (
        not strong
        and not {"deed", *QUOTED_FACTS}.intersection(reasons)
        and len(names) < 2
        and not ((names or not quoted) and "attributed" in reasons)
        and not (names and time_reasons)
    ):
        return None
    reasons.extend(time_reasons)
    return ClaimCandidate(start, end, body, tuple(reasons), recheck)


def _past_deed(body: str) -> bool:
    """A verb in the past tense that tells a deed, not words or a state of mind."""
    return any(m.group() not in _NOT_DEEDS for m in _PAST_DEED.finditer(body))


QUOTED_FACTS = frozenset({"counted", "first-person account"})


def _quoted_facts(body: str, *, named: bool) -> list[str]:
    """What makes quoted words checkable without a digit: a count, a deed told.

    A deed told counts when it names someone ("I asked X to …", "We paid X …"):
    "I grabbed my children and ran" or "We advertised everywhere" is a memory or a
    boast that no record can settle.
    """
    found = []
    if _COUNTED.search(body):
        found.append("counted")
    if named and _FIRST_PERSON_DEED.search(body):
        found.append("first-person account")
    return found


def _reported_fact(body: str) -> bool:
    """'<clause>, the company said.': a statement of fact, not a guess or refusal."""
    return (
        "," in body
        and bool(_TRAILING_ATTRIBUTION.search(body))
        and not _PRONOUN_ATTRIBUTION.search(body)
        and not _REFUSAL.search(body)
        and bool(_FACT_VERB.search(body))
        and not _GUESS.search(body)
    )


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at semicolons between clauses of three words or more."""
    cuts = [start]
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        before = text[cuts[-1] : match.start()]
        after = text[match.end() : end]
        if (
            len(WORD.findall(before)) >= MIN_CLAUSE_WORDS
            and len(WORD.findall(after)) >= MIN_CLAUSE_WORDS
            and before.count("(") == before.count(")")
        ):
            cuts.extend((match.start(), match.end()))
    cuts.append(end)
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]


def _quotation(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The quoted words of a sentence that is a quotation and its attribution.

    "“Q,” said X." and "X said: “Q.”" give Q (without the comma before the
    closing mark); a sentence whose own words quote a few others gives None.
    """
    sentence = text[start:end]
    opening = _OPENING.search(sentence)
    if opening is None:
        return None
    closing = _CLOSING.search(sentence, opening.end())
    a = start + opening.end()
    b = start + (closing.start() if closing else len(sentence))
    if opening.start() > 0 and not sentence[: opening.start()].rstrip().endswith(
        (":", ",")
    ):
        return None  # a phrase quoted inside the sentence's own words
    if opening.start() == 0 and closing is None:
        return None
    while b > a and text[b - 1] in " ,":
        b -= 1
    if opening.start() > 0 and len(WORD.findall(text[a:b])) < MIN_SENTENCE_WORDS:
        return None
    return a, b


_OPENING = re.compile(r"[“\"«]")
_REGION = re.compile(r"“[^”“\n]*(?:”|$)|«[^»«\n]*(?:»|$)|\"[^\"\n]*(?:\"|$)", re.M)


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """(opening mark, end) of each quotation: to its closing mark or paragraph end."""
    return [(m.start(), m.end()) for m in _REGION.finditer(text)]


def _within(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """A sentence that lies wholly inside one quotation (after its opening mark)."""
    return any(a < start and end <= b for a, b in regions)


def _quoted_part(sentence: str) -> str | None:
    """The quoted words of a sentence that opens or continues a quote, else None."""
    if _OPINION_QUOTE.match(sentence):
        closing = _CLOSING.search(sentence[1:])
        return sentence[1 : closing.start() + 1] if closing else sentence[1:]
    first = _QUOTE_MARK.search(sentence)
    if first and first.group() in "”»":
        return sentence[: first.start()]
    return None


# Time phrases, read in the lowered sentence. Each comes with words one of which any
# match contains: a sentence with none of them is not searched (a substring test is
# far cheaper than the search, and most sentences have no time phrase).
_YEAR_PHRASE = re.compile(
    rf"\b(by|before|in|until|from)\s+(?:the end of\s+)?(?:({_MONTH})\s+)?"
    r"((?:19|20)\d\d)\b"
)
_BY_YEAR_END = re.compile(r"\bby the end of (?:the|this) year\b")
_BEFORE_YEAR_END = re.compile(r"\bbefore the end of (?:the|this) year\b")
_COMING = re.compile(
    r"\b(?:in|over) the (?:coming|next few) (years|months|weeks|days)\b"
)
_NEXT = re.compile(r"\bnext (month|year|week|spring|summer|autumn|fall|winter)\b")
_SPAN = re.compile(
    r"\b(within|take|takes|taking|in)\s+(?:(?:around|about|roughly|some|"
    r"approximately|just|only|less than|under|the next)\s+)?(a|an|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty|few|several|\d+)"
    r"\s+(hour|day|week|month|year)s?\b"
)
_PLANNED = re.compile(r"\bwill|expected|plan")
_RELATIVE = re.compile(
    r"\b(?:(?:nearly|almost|about|around|more than|over|some|roughly|just|"
    r"less than|under)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|\d+|a few|several)\s+(?:years|months|weeks|decades)|(?:earlier|later)"
    r" this (?:year|month|week)|this (?:year|month|week)|last (?:year|month|week)|"
    r"(?:for|over) the (?:past|last) \w+ (?:years|months|weeks|decades)|"
    r"since (?:(?:19|20)\d\d|" + _MONTH + r")|years? ago|months? ago|"
    r"currently|so far|to date|yesterday|today)\b"
)
_NEEDLES = {
    _YEAR_PHRASE: ("19", "20"),
    _BY_YEAR_END: ("by the end of ",),
    _BEFORE_YEAR_END: ("before the end of ",),
    _COMING: ("the coming ", "the next few "),
    _NEXT: ("next ",),
    _SPAN: ("hour", "day", "week", "month", "year"),
    _RELATIVE: (
        *("years", "months", "weeks", "decades", "this ", "last ", "since ", "ago"),
        *("currently", "so far", "to date", "yesterday", "today"),
    ),
}


def _may(pattern: re.Pattern, lowered: str) -> bool:
    """Whether ``pattern`` can match: ``lowered`` holds one of its words."""
    return any(needle in lowered for needle in _NEEDLES[pattern])


def recheck_date(sentence: str, published_on: date | None):
    """(earliest re-check date or None, reasons) for the time phrases in a sentence."""
    dates: list[date] = []
    reasons: list[str] = []
    lowered = sentence.lower()
    pub = published_on

    def add(reason: str, value: date | None):
        if reason not in reasons:
            reasons.append(reason)
        if value is not None:
            dates.append(value)

    years = _YEAR_PHRASE.finditer(lowered) if _may(_YEAR_PHRASE, lowered) else ()
    for match in years:
        word, month, year = match.group(1), match.group(2), int(match.group(3))
        if word == "before":
            value = date(year, MONTHS[month], 1) if month else date(year, 1, 1)
            add("time-sensitive", value)
        elif word in {"by", "until"} or (pub and year >= pub.year):
            if pub and year < pub.year and word != "by":
                continue
            if month:
                value = _month_after(year, MONTHS[month])
            else:
                value = date(year + 1, 1, 1)
            add("time-sensitive", value)
    if _may(_BY_YEAR_END, lowered) and _BY_YEAR_END.search(lowered):
        add("time-sensitive", date(pub.year + 1, 1, 1) if pub else None)
    if _may(_BEFORE_YEAR_END, lowered) and _BEFORE_YEAR_END.search(lowered):
        add("time-sensitive", date(pub.year + 1, 1, 1) if pub else None)
    coming = _may(_COMING, lowered) and _COMING.search(lowered)
    if coming:
        unit = coming.group(1)
        add(
            "time-sensitive",
            _add(pub, {"years": 730, "months": 180, "weeks": 30, "days": 30}[unit]),
        )
    nexts = _NEXT.finditer(lowered) if _may(_NEXT, lowered) else ()
    for match in nexts:
        unit = match.group(1)
        value = None
        if pub:
            if unit == "month":
                value = _month_after(*_next_month(pub.year, pub.month))
            elif unit == "year":
                value = date(pub.year + 2, 1, 1)
            elif unit == "week":
                value = pub + timedelta(days=14)
            else:
                value = _add(pub, 365)
        add("time-sensitive", value)
    spans = _SPAN.finditer(lowered) if _may(_SPAN, lowered) else ()
    for match in spans:
        if match.group(1) == "in" and not _PLANNED.search(lowered):
            continue
        count = match.group(2)
        number = int(count) if count.isdigit() else WORD_NUMBERS.get(count, 1)
        unit = match.group(3)
        days = max(1, number // 24) if unit == "hour" else number * UNIT_DAYS[unit]
        add("time-sensitive", _add(pub, days))
    relative = _may(_RELATIVE, lowered) and _RELATIVE.search(lowered)
    if relative:
        add("date-relative", pub)
    if not reasons and _FUTURE.search(lowered):
        add("time-sensitive", _add(pub, 365))
    if reasons and "time-sensitive" not in reasons:
        reasons.insert(0, "time-sensitive")
    return (min(dates) if dates else None), reasons


def _add(pub: date | None, days: int) -> date | None:
    if pub is None:
        return None
    if days % 365 == 0:
        years = days // 365
        try:
            return pub.replace(year=pub.year + years)
        except ValueError:  # 29 February
            return pub.replace(year=pub.year + years, day=28)
    if days % 30 == 0 and days < 365:
        months = days // 30
        year, month = (
            pub.year + (pub.month - 1 + months) // 12,
            (pub.month - 1 + months) % 12 + 1,
        )
        day = min(pub.day, calendar.monthrange(year, month)[1])
        return date(year, month, day)
    return pub + timedelta(days=days)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_after(year: int, month: int) -> date:
    """The first day of the month after ``month``: when that month is over."""
    year, month = _next_month(year, month)
    return date(year, month, 1)
