"""Validators shared by both apps (articles builds on entities, never the reverse).

Text from people: ``validate_single_line_text`` / ``validate_multiline_text`` refuse
control characters (NUL, which PostgreSQL text cannot store, escape sequences and the
like); ``clean_text`` applies them and a length limit to a raw request value;
``guard_text_field`` adds the right one to a form field. Every form, JSON endpoint and
import that stores or searches text goes through these.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.utils.translation import gettext_lazy as _

validate_wikidata_id = RegexValidator(
    r"^Q[1-9][0-9]*$",
    _("A Wikidata id is the letter Q followed by digits, e.g. Q148."),
    code="invalid_wikidata_id",
)

validate_http_url = URLValidator(
    schemes=["http", "https"], message=_("Enter an http:// or https:// address.")
)


def validate_url_lines(value: str) -> None:
    """Check that every non-empty line of ``value`` is an http(s) address."""
    for line in value.splitlines():
        if line.strip():
            validate_http_url(line.strip())


# The longest term an entity search or autocomplete accepts (names are up to 200
# characters; an autocomplete label adds the kind and the id).
SEARCH_MAX_LENGTH = 300

# C0 control characters and DEL; multi-line text keeps tab, line feed and return.
# Lone UTF-16 surrogates (which JSON's "\\ud800" escapes can carry) are no text
# either: the database cannot store them.
SINGLE_LINE_CONTROL = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
MULTILINE_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _refuse_control(pattern: re.Pattern, value) -> None:
    match = pattern.search(value) if isinstance(value, str) else None
    if match:
        raise ValidationError(
            _(
                "Remove the control character U+%(code)04X: text may not contain "
                "invisible control characters."
            ),
            code="control_character",
            params={"code": ord(match.group())},
        )


def validate_single_line_text(value: str) -> None:
    """Refuse any control character, tab and line breaks included."""
    _refuse_control(SINGLE_LINE_CONTROL, value)


def validate_multiline_text(value: str) -> None:
    """Refuse control characters other than tab, line feed and carriage return."""
    _refuse_control(MULTILINE_CONTROL, value)


def validate_length(value: str, limit: int, *, what: str = "") -> None:
    """Refuse text longer than ``limit`` characters, naming the limit."""
    if len(value) > limit:
        message = _("Use at most %(limit)d characters (this has %(length)d).") % {
            "limit": limit,
            "length": len(value),
        }
        raise ValidationError(f"{what}: {message}" if what else message, "max_length")


def clean_text(
    value, *, max_length: int | None = None, multiline: bool = False, what: str = ""
) -> str:
    """A raw request value, stripped; ValidationError for control characters or
    more than ``max_length`` characters (``what`` names the field in the message)."""
    text = value.strip() if isinstance(value, str) else ""
    try:
        (validate_multiline_text if multiline else validate_single_line_text)(text)
    except ValidationError as error:
        if what:
            raise ValidationError(f"{what}: {' '.join(error.messages)}") from error
        raise
    if max_length is not None:
        validate_length(text, max_length, what=what)
    return text


def guard_text_field(field: forms.Field, *, multiline: bool | None = None):
    """Add the control character validator to a text form field and return it.

    ``multiline`` defaults to whether the field is edited in a textarea.
    """
    if not isinstance(field, forms.CharField):
        return field
    if multiline is None:
        multiline = isinstance(field.widget, forms.Textarea)
    validator = validate_multiline_text if multiline else validate_single_line_text
    if validator not in field.validators:
        field.validators.append(validator)
    return field


class TextInputFormMixin:
    """For plain forms: every text field refuses control characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            guard_text_field(field)
