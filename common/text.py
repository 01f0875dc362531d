"""Small text helpers shared by the apps."""


def shorten(text: str, limit: int = 60) -> str:
    """``text`` on one line (runs of whitespace made one space), cut to ``limit``
    characters with an ellipsis: for quoting a claim inside a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
