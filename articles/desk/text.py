"""Checks on the free text staff type on the desk (notes, comments)."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_CONTROLS = {"\n", "\t"}


def check_text(text: str, *, required: bool = True, limit: int = 5000) -> str:
    """The text, stripped; refuses control characters (other than newline and tab),
    an empty text when ``required``, and more than ``limit`` characters."""
    text = (text or "").replace("\r\n", "\n").strip()
    if required and not text:
        raise ValidationError(_("Write something first."), code="empty")
    if len(text) > limit:
        raise ValidationError(
            _("Keep it under %(limit)d characters.") % {"limit": limit}, code="long"
        )
    if any(unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS for c in text):
        raise ValidationError(
            _("The text holds control characters; remove them."), code="control"
        )
    return text
