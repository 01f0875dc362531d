"""Build the JSONL passage sets from annotated sources (NAME.txt → NAME.jsonl).

The sets: ``dev_passages`` (the first 75 passages), ``passages_v2_dev`` (development
split of the second set) and ``passages_v2_test`` (frozen test split: never tune on it).

Offsets are computed here, so they are right by construction. Markup in the source:

- ``=== id`` starts a passage; its text runs to the next header (outer blank lines
  dropped, paragraphs separated by one blank line).
- ``{Name|kind}`` an entity mention; kind is one of the Entity kinds or a short form
  (p, org, pub, pl, obj, ev).
- ``<q:Speaker>`` … ``</q>`` a quote span and its speaker (``<q:>`` for no speaker).
- ``<c>`` … ``</c>`` a claim span.

Quotes and claims may overlap each other and contain entities; they do not nest within
their own kind. Run: ``python tests/data/build_dev_set.py [SOURCE.txt ...]`` (every set
when no source is named; writes ``SOURCE.jsonl`` next to the source); ``--check`` only
reports whether the JSONL files are up to date.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {
    "p": "person",
    "person": "person",
    "org": "organization",
    "organization": "organization",
    "pub": "publication",
    "publication": "publication",
    "pl": "place",
    "place": "place",
    "obj": "object",
    "object": "object",
    "ev": "event",
    "event": "event",
}
TOKEN = re.compile(r"\{([^{}|]+)\|([a-z]+)\}|<q:([^<>]*)>|</q>|<c>|</c>")


class MarkupError(ValueError):
    pass


def parse_passage(pid: str, source: str) -> dict:
    text: list[str] = []
    length = 0
    entities, quotes, claims = [], [], []
    open_quote = open_claim = None
    position = 0
    for match in TOKEN.finditer(source):
        plain = source[position : match.start()]
        text.append(plain)
        length += len(plain)
        position = match.end()
        token = match.group(0)
        if match.group(1) is not None:
            kind = KINDS.get(match.group(2))
            if kind is None:
                raise MarkupError(f"{pid}: unknown kind {match.group(2)!r}")
            name = match.group(1)
            entities.append({"start": length, "end": length + len(name), "kind": kind})
            text.append(name)
            length += len(name)
        elif token.startswith("<q:"):
            if open_quote is not None:
                raise MarkupError(f"{pid}: quote opened twice")
            open_quote = (length, match.group(3).strip())
        elif token == "</q>":
            if open_quote is None:
                raise MarkupError(f"{pid}: </q> without <q:…>")
            quotes.append(
                {"start": open_quote[0], "end": length, "speaker": open_quote[1]}
            )
            open_quote = None
        elif token == "<c>":
            if open_claim is not None:
                raise MarkupError(f"{pid}: claim opened twice")
            open_claim = length
        else:
            if open_claim is None:
                raise MarkupError(f"{pid}: </c> without <c>")
            claims.append({"start": open_claim, "end": length})
            open_claim = None
    text.append(source[position:])
    if open_quote is not None or open_claim is not None:
        raise MarkupError(f"{pid}: unclosed quote or claim")
    plain_text = "".join(text)
    if re.search(r"[{}<>|]", plain_text):
        raise MarkupError(f"{pid}: stray markup left in the text")
    for span in (*entities, *quotes, *claims):
        piece = plain_text[span["start"] : span["end"]]
        if not piece or piece != piece.strip():
            raise MarkupError(f"{pid}: span {piece!r} is empty or has outer spaces")
    return {
        "id": pid,
        "text": plain_text,
        "entities": entities,
        "quotes": quotes,
        "claims": sorted(claims, key=lambda c: c["start"]),
    }


def parse_source(source: str) -> list[dict]:
    passages = []
    chunks = re.split(r"^=== *(\S+) *$", source, flags=re.MULTILINE)
    for pid, body in zip(chunks[1::2], chunks[2::2], strict=True):
        paragraphs = [p.strip() for p in body.strip().split("\n\n")]
        passages.append(parse_passage(pid, "\n\n".join(p for p in paragraphs if p)))
    ids = [p["id"] for p in passages]
    if len(ids) != len(set(ids)):
        raise MarkupError("duplicate passage ids")
    return passages


SETS = ("dev_passages", "passages_v2_dev", "passages_v2_test")


def render(source: Path) -> tuple[str, int]:
    passages = parse_source(source.read_text(encoding="utf-8"))
    content = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in passages)
    return content, len(passages)


def main(argv: list[str]) -> int:
    named = [Path(arg) for arg in argv[1:] if not arg.startswith("--")]
    sources = named or [HERE / f"{name}.txt" for name in SETS]
    status = 0
    for source in sources:
        target = source.with_suffix(".jsonl")
        content, count = render(source)
        if "--check" in argv:
            if not target.is_file() or target.read_text(encoding="utf-8") != content:
                print(f"{target} is out of date: run {argv[0]}", file=sys.stderr)
                status = 1
            else:
                print(f"{target} is up to date ({count} passages)")
            continue
        target.write_text(content, encoding="utf-8")
        print(f"wrote {count} passages to {target}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
