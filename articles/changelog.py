"""What changed between two published snapshots, for the public version history.

Pure functions of the snapshots' JSON (articles.snapshot): no database, no request.
Claims are matched across versions by their ``ref`` (the editorial claim's id), so a
reworded claim is "changed", not "removed and added". Text differences are word-level
(difflib) and come back as HTML in which every word is escaped and only the
``<ins>``/``<del>`` marks are markup.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Words with the spaces after them kept apart, so a diff reads back as the text.
_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> SafeString:
    """``after``, words gone since ``before`` in <del> and new ones in <ins>."""
    old = _TOKENS.findall(before or "")
    new = _TOKENS.findall(after or "")
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old[i1:i2])))
            continue
        if op in {"delete", "replace"}:
            parts.append(f"<del>{escape(''.join(old[i1:i2]))}</del>")
        if op in {"insert", "replace"}:
            parts.append(f"<ins>{escape(''.join(new[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308  (every piece of text is escaped)


@dataclass(frozen=True)
class VerdictChange:
    """A claim whose verdict is not the one the previous version gave."""

    statement: str
    anchor: str
    before: str  # the verdict's label, or "" when it had none
    after: str


@dataclass(frozen=True)
class TextChange:
    """A claim's wording or verdict summary that changed, as a word diff."""

    statement: str
    anchor: str
    what: str  # "statement" or "verdict_summary"
    diff: SafeString


@dataclass
class VersionChanges:
    """One published version and what it changed against the one before it."""

    number: int
    published_at: str
    is_first: bool
    title_diff: SafeString | None = None
    summary_diff: SafeString | None = None
    verdicts: list[VerdictChange] = field(default_factory=list)
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    reworded: list[TextChange] = field(default_factory=list)
    sources_changed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        """Whether anything a reader sees in the claims, title or summary changed."""
        return any(
            (
                self.title_diff,
                self.summary_diff,
                self.verdicts,
                self.added,
                self.removed,
                self.reworded,
                self.sources_changed,
            )
        )


def _sources(claim: dict[str, Any]) -> list[tuple[str, str]]:
    citations = claim.get("citations", [])
    return [(c.get("url", ""), c.get("excerpt", "")) for c in citations]


def compare(before: dict[str, Any] | None, after: dict[str, Any]) -> VersionChanges:
    """What ``after`` (a snapshot) changed against ``before`` (None: the first one)."""
    fact_check = after["fact_check"]
    changes = VersionChanges(
        number=fact_check["number"],
        published_at=fact_check["published_at"],
        is_first=before is None,
    )
    if before is None:
        changes.added = list(after["claims"])
        return changes
    old_fc = before["fact_check"]
    if old_fc["title"] != fact_check["title"]:
        changes.title_diff = word_diff(old_fc["title"], fact_check["title"])
    if old_fc["summary"] != fact_check["summary"]:
        changes.summary_diff = word_diff(old_fc["summary"], fact_check["summary"])
    old_claims = {c["ref"]: c for c in before["claims"]}
    new_refs = {c["ref"] for c in after["claims"]}
    changes.removed = [c for c in before["claims"] if c["ref"] not in new_refs]
    for claim in after["claims"]:
        old = old_claims.get(claim["ref"])
        if old is None:
            changes.added.append(claim)
            continue
        _compare_claim(changes, old, claim)
    return changes


def _compare_claim(changes: VersionChanges, old: dict, new: dict) -> None:
    statement, anchor = new["statement"], new["anchor"]
    if old.get("verdict") != new.get("verdict"):
        changes.verdicts.append(
            VerdictChange(
                statement, anchor, old.get("verdict_label", ""), new["verdict_label"]
            )
        )
    for what in ("statement", "verdict_summary"):
        if old.get(what, "") != new.get(what, ""):
            diff = word_diff(old.get(what, ""), new.get(what, ""))
            changes.reworded.append(TextChange(statement, anchor, what, diff))
    if _sources(old) != _sources(new):
        changes.sources_changed.append(new)


def history(snapshots: list[dict[str, Any]]) -> list[VersionChanges]:
    """Each snapshot (oldest first) with its changes, newest first for readers."""
    result = []
    previous = None
    for snapshot in snapshots:
        result.append(compare(previous, snapshot))
        previous = snapshot
    return list(reversed(result))
