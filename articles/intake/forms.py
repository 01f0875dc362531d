"""The public forms readers send to the desk, and the admin's feed upload form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from articles.models.intake import (
    CLAIM_TEXT_MAX_LENGTH,
    READER_MESSAGE_MAX_LENGTH,
    URL_MAX_LENGTH,
)
from entities.validators import TextInputFormMixin, validate_http_url

MESSAGE_MIN_LENGTH = 10


class ReaderForm(TextInputFormMixin, forms.Form):
    """Shared by the public forms: an optional e-mail and a honeypot field.

    ``website`` is hidden from people (``display: none``, so no screen reader or
    keyboard reaches it); a bot filling every field fills it too, and the view
    then stores nothing while thanking it like anyone else.
    """

    contact_email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        required=False,
        max_length=254,
        help_text=_("Only if you want us to write back. We never publish it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


def validate_has_words(value: str) -> None:
    """Refuse a message with no letter or digit: zero-width spaces and the like
    pass the length check but leave editors nothing to read."""
    if not any(character.isalnum() for character in value):
        raise ValidationError(
            _("Write it in words: this message has no letter or digit."),
            code="no_words",
        )


def _message_field(label, help_text, max_length):
    return forms.CharField(
        label=label,
        min_length=MESSAGE_MIN_LENGTH,
        max_length=max_length,
        strip=True,
        validators=[validate_has_words],
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ClaimSuggestionForm(ReaderForm):
    message = _message_field(
        _("The claim to check"),
        _("Quote it as it was said or written, with who said it and when."),
        CLAIM_TEXT_MAX_LENGTH,
    )
    # A CharField, not a URLField: one clear message for any address that is not
    # http(s), instead of URLField's generic one (twice, with a scheme check). A text
    # input with the URL keyboard, not ``type="url"``: a refused address is shown back
    # for the reader to correct, and a URL input may only hold an absolute URL (the
    # form is ``novalidate``, so the browser's own URL check never ran anyway).
    source_url = forms.CharField(
        label=_("Where you saw it (optional)"),
        required=False,
        max_length=URL_MAX_LENGTH,
        validators=[validate_http_url],
        help_text=_("The address of the article, post or video."),
        widget=forms.TextInput(attrs={"inputmode": "url"}),
    )
    field_order = ["message", "source_url", "contact_email", "website"]


class ErrorReportForm(ReaderForm):
    message = _message_field(
        _("What is wrong?"),
        _("Tell us which claim or sentence, what is wrong and, if you can, a source."),
        READER_MESSAGE_MAX_LENGTH,
    )
    field_order = ["message", "contact_email", "website"]


class ClaimReviewUploadForm(forms.Form):
    feed = forms.FileField(
        label=_("ClaimReview data feed (JSON)"),
        help_text=_(
            "A schema.org DataFeed of ClaimReview items, or a JSON list of "
            "ClaimReview objects."
        ),
    )

    def clean_feed(self):
        upload = self.cleaned_data["feed"]
        limit = settings.CLAIMREVIEW_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        return upload
