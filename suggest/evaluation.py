"""Score the suggestion engine against annotated passages (pure functions, no DB).

Matching rules (one gold span is matched by at most one prediction, greedily):
- entities strict: same start, end and kind;
- entities lenient: overlapping spans, any kind;
- quotes: the prediction covers at least half of the gold span; the speaker is right
  when the normalised names have the same words, the shorter name's words end the
  longer one (a surname for a full name: "Roe" ~ "Jane Roe"), or both name the
  same registry entity (``same_entity``). Words are whole words, so "US" is not
  "Russia" and "Li" is not "Eli Lilly"; honorifics ("Dr", "Mr") are dropped;
- claims: overlapping spans.
"""

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

ENTITY_KINDS = {"person", "organization", "publication", "place", "object", "event"}


class PassageError(ValueError):
    """A malformed line in a passages file; the message names the line."""


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class Report:
    passages: int = 0
    entities_strict: Score = field(default_factory=Score)
    entities_lenient: Score = field(default_factory=Score)
    quotes: Score = field(default_factory=Score)
    claims: Score = field(default_factory=Score)
    speakers_right: int = 0
    speakers_judged: int = 0

    @property
    def speaker_accuracy(self) -> float:
        return (
            self.speakers_right / self.speakers_judged if self.speakers_judged else 0.0
        )

    def as_dict(self) -> dict:
        quotes = self.quotes.as_dict()
        quotes["speaker_accuracy"] = round(self.speaker_accuracy, 4)
        quotes["speakers_judged"] = self.speakers_judged
        return {
            "passages": self.passages,
            "entities_strict": self.entities_strict.as_dict(),
            "entities_lenient": self.entities_lenient.as_dict(),
            "quotes": quotes,
            "claims": self.claims.as_dict(),
        }


def parse_passages(lines: Iterable[str]) -> list[dict]:
    """Validated passages from JSON lines; PassageError names the first bad line."""
    passages = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            passage = json.loads(line)
        except json.JSONDecodeError as error:
            raise PassageError(f"line {number}: not valid JSON ({error.msg})") from None
        problem = _passage_problem(passage)
        if problem:
            raise PassageError(f"line {number}: {problem}")
        passages.append(passage)
    return passages


def _passage_problem(passage) -> str:
    if not isinstance(passage, dict):
        return "expected a JSON object"
    if not isinstance(passage.get("id"), str) or not isinstance(
        passage.get("text"), str
    ):
        return 'needs "id" and "text" strings'
    length = len(passage["text"])
    for key in ("entities", "quotes", "claims"):
        spans = passage.get(key, [])
        if not isinstance(spans, list):
            return f'"{key}" must be a list'
        for span in spans:
            if not isinstance(span, dict):
                return f'"{key}" items must be objects'
            start, end = span.get("start"), span.get("end")
            if not (isinstance(start, int) and isinstance(end, int)):
                return f'"{key}" items need integer "start" and "end"'
            if not 0 <= start < end <= length:
                return f'"{key}" span {start}-{end} does not fit the text'
            if key == "entities" and span.get("kind") not in ENTITY_KINDS:
                return f"unknown entity kind {span.get('kind')!r}"
            if key == "quotes" and not isinstance(span.get("speaker", ""), str):
                return '"speaker" must be a string'
    return ""


HONORIFICS = frozenset(
    "dr mr mrs ms miss mx prof professor sir dame lord lady rev shri smt".split()
)


def normalise_name(name: str) -> str:
    name = unicodedata.normalize("NFKD", name or "")
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = re.sub(r"[’'`]s\b", "", name)
    name = re.sub(r"[^\w\s]", " ", name)
    words = [w for w in name.split() if w not in {"the", "a", "an"}]
    return " ".join(words)


def name_words(name: str) -> list[str]:
    """The normalised name's words without leading honorifics ("Dr", "Mr")."""
    words = normalise_name(name).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    return words


def speaker_matches(
    gold: str, predicted: str, same_entity: Callable[[str, str], bool] | None = None
) -> bool:
    """Whole-word comparison: equal words, or a surname / trailing words of the other.

    A character substring is not enough: "US" is not "Russia", "Li" is not "Eli Lilly".
    """
    g, p = name_words(gold), name_words(predicted)
    if g == p:
        return True
    if not g or not p:
        return False
    short, long = (g, p) if len(g) <= len(p) else (p, g)
    if long[-len(short) :] == short:
        return True
    return bool(same_entity and same_entity(gold, predicted))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(gold: list, predicted: list, ok: Callable) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index), biggest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if ok(g, p):
                pairs.append((_overlap((g[0], g[1]), (p[0], p[1])), gi, pi))
    pairs.sort(key=lambda item: -item[0])
    used_g, used_p, result = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            result.append((gi, pi))
    return result


def score_spans(gold: list, predicted: list, ok: Callable) -> Score:
    matched = _match(gold, predicted, ok)
    return Score(len(matched), len(predicted), len(gold))


def score_passage(
    passage: dict,
    *,
    entities: list[tuple[int, int, str]],
    quotes: list[tuple[int, int, str]],
    claims: list[tuple[int, int]],
    same_entity: Callable[[str, str], bool] | None = None,
    report: Report | None = None,
) -> Report:
    """Add one passage's figures to ``report`` (a new one if None) and return it."""
    report = report or Report()
    report.passages += 1
    gold_entities = [(e["start"], e["end"], e["kind"]) for e in passage["entities"]]
    report.entities_strict.add(score_spans(gold_entities, entities, _strict))
    report.entities_lenient.add(score_spans(gold_entities, entities, _overlaps))
    gold_quotes = [
        (q["start"], q["end"], q.get("speaker", "")) for q in passage["quotes"]
    ]
    matched = _match(gold_quotes, quotes, _covers_half)
    report.quotes.add(Score(len(matched), len(quotes), len(gold_quotes)))
    for gi, pi in matched:
        report.speakers_judged += 1
        if speaker_matches(gold_quotes[gi][2], quotes[pi][2], same_entity):
            report.speakers_right += 1
    gold_claims = [(c["start"], c["end"]) for c in passage["claims"]]
    report.claims.add(score_spans(gold_claims, claims, _overlaps))
    return report


def passage_misses(
    passage: dict,
    *,
    quotes: list[tuple[int, int, str]],
    claims: list[tuple[int, int]],
    same_entity: Callable[[str, str], bool] | None = None,
) -> list[str]:
    """One line per quote or claim error in a passage: missed, wrong or wrong speaker.

    For tuning on a development split (``evaluate_suggestions --misses``); the lines
    quote the passage's text, so never list a frozen test split's.
    """
    text, lines = passage["text"], []

    def show(start: int, end: int) -> str:
        return " ".join(text[start:end].split())[:160]

    gold_quotes = [
        (q["start"], q["end"], q.get("speaker", "")) for q in passage["quotes"]
    ]
    matched = _match(gold_quotes, quotes, _covers_half)
    for gi, pi in matched:
        gold, predicted = gold_quotes[gi][2], quotes[pi][2]
        if not speaker_matches(gold, predicted, same_entity):
            lines.append(
                f"speaker {predicted!r} for {gold!r}: {show(*gold_quotes[gi][:2])}"
            )
    found = {gi for gi, _ in matched}
    lines.extend(
        f"quote missed: {show(q[0], q[1])}"
        for gi, q in enumerate(gold_quotes)
        if gi not in found
    )
    used = {pi for _, pi in matched}
    lines.extend(
        f"quote extra ({q[2]!r}): {show(q[0], q[1])}"
        for pi, q in enumerate(quotes)
        if pi not in used
    )
    gold_claims = [(c["start"], c["end"]) for c in passage["claims"]]
    matched = _match(gold_claims, claims, _overlaps)
    found, used = {gi for gi, _ in matched}, {pi for _, pi in matched}
    lines.extend(
        f"claim missed: {show(*c)}"
        for gi, c in enumerate(gold_claims)
        if gi not in found
    )
    lines.extend(
        f"claim extra: {show(*c)}" for pi, c in enumerate(claims) if pi not in used
    )
    return [f"{passage['id']}  {line}" for line in lines]


def _strict(g, p) -> bool:
    return g[0] == p[0] and g[1] == p[1] and g[2] == p[2]


def _overlaps(g, p) -> bool:
    return _overlap((g[0], g[1]), (p[0], p[1])) > 0


def _covers_half(g, p) -> bool:
    return _overlap((g[0], g[1]), (p[0], p[1])) * 2 >= g[1] - g[0]


def format_report(report: Report) -> list[str]:
    """Human-readable lines, then the same figures as one JSON object."""
    lines = [f"Passages: {report.passages}"]
    rows = (
        ("Entities (strict)", report.entities_strict),
        ("Entities (lenient)", report.entities_lenient),
        ("Quotes", report.quotes),
        ("Claims", report.claims),
    )
    for label, score in rows:
        lines.append(
            f"{label:<20} precision {score.precision:.3f}  recall {score.recall:.3f}"
            f"  F1 {score.f1:.3f}  ({score.true_positives} right of "
            f"{score.predicted} suggested, {score.gold} annotated)"
        )
    lines.append(
        f"{'Quote speakers':<20} accuracy {report.speaker_accuracy:.3f}"
        f"  ({report.speakers_right} of {report.speakers_judged} matched quotes)"
    )
    lines.append(json.dumps(report.as_dict(), sort_keys=True))
    return lines
