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
