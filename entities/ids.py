"""Record ids read from user input: query strings, POSTed fields, entity labels."""

from __future__ import annotations

import re

# 18 ASCII digits always fit a signed 64-bit column; ``str.isdigit`` would also
# accept "²" or a 5,000-digit number, which ``int()`` or the database refuse.
_ID = re.compile(r"[0-9]{1,18}")


def parse_id(value) -> int | None:
    """``value`` as a positive id, or None when it cannot be one."""
    text = "" if value is None else str(value).strip()
    if not _ID.fullmatch(text):
        return None
    number = int(text)
    return number or None
