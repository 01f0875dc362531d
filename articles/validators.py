"""Length limits that refuse a value with a message naming the limit, never cut it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def body_too_long_message(length: int) -> str | None:
    """Why a body of ``length`` characters is refused, or None when it fits."""
    limit = settings.ARTICLE_BODY_MAX_CHARS
    if length <= limit:
        return None
    return _(
        "The article text is %(length)s characters long; the limit is %(limit)s "
        "characters (setting ARTICLE_BODY_MAX_CHARS). Split it into several "
        "articles, or ask an administrator to raise the limit."
    ) % {
        "length": number_format(length, force_grouping=True),
        "limit": number_format(limit, force_grouping=True),
    }


def validate_body_length(value: str) -> None:
    """Refuse an article body longer than ``settings.ARTICLE_BODY_MAX_CHARS``.

    Read at call time (not fixed into the field) so the limit is a setting, and
    migrations stay the same whatever it is.
    """
    message = body_too_long_message(len(value or ""))
    if message:
        raise ValidationError(message, code="body_too_long")


def too_long_message(what: str, value: str, limit: int) -> str | None:
    """Why ``value`` (called ``what``) is refused for being over ``limit``, or None."""
    if len(value) <= limit:
        return None
    return _("the %(what)s is %(length)s characters long; the limit is %(limit)s") % {
        "what": what,
        "length": number_format(len(value), force_grouping=True),
        "limit": number_format(limit, force_grouping=True),
    }
