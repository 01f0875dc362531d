"""Forms that let editors give a span as its text, never as offsets."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from common.spans import count_occurrences, occurrence_number

OCCURRENCE_HELP = _(
    "When the text appears more than once: which one, counting from the start "
    "(1 = the first)."
)


def occurrence_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=kwargs.pop("label", _("Occurrence")),
        min_value=1,
        required=False,
        initial=1,
        help_text=kwargs.pop("help_text", OCCURRENCE_HELP),
        widget=forms.NumberInput(attrs={"class": "vIntegerField", "min": 1}),
        **kwargs,
    )


class SpanModelForm(forms.ModelForm):
    """Base ModelForm for TextSpan models tied to an article.

    The editor types the span's exact text (the model's ``exact`` field) and, when
    that text appears more than once, which occurrence is meant. ``clean()`` computes
    the offsets and context; a text that is not in the article is refused with a form
    error and nothing is saved. Inlines pass the parent ``article`` (possibly unsaved,
    with the body being edited in the same request) through ``SpanInlineFormSet``.
    """

    span_required = True
    occurrence = occurrence_field()

    def __init__(self, *args, article=None, stored_body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent_article = article
        self.parent_stored_body = stored_body
        if "exact" not in self.fields:  # a view-only admin page
            return
        exact = self.fields["exact"]
        exact.required = self.span_required
        exact.widget = forms.Textarea(attrs={"rows": 2, "cols": 60})
        exact.help_text = _(
            "Copy the exact words from the article; the position is found for you."
        )
        if self.instance.pk and self.instance.has_span:
            body = self.stored_body_or_none()
            if body is not None:
                self.initial["occurrence"] = occurrence_number(
                    body, self.instance.exact, self.instance.start
                )

    def has_span_fields(self) -> bool:
        return "exact" in self.fields

    def span_article(self):
        if self.parent_article is not None:
            return self.parent_article
        if "article" in self.fields:
            return getattr(self, "cleaned_data", {}).get("article") or (
                self.instance.article if self.instance.article_id else None
            )
        return self.instance.article if self.instance.article_id else None

    def span_body_or_none(self) -> str | None:
        article = self.span_article()
        return None if article is None else article.body

    def stored_body_or_none(self) -> str | None:
        """The body as stored (the offsets index into it), even while being edited."""
        if self.parent_stored_body is not None:
            return self.parent_stored_body
        article = self.span_article()
        return None if article is None else article.body

    def is_untouched_row(self) -> bool:
        """An existing span the editor did not change: the formset will not save it.

        Its offsets point into the stored body; if the body is being edited, the
        article's re-anchoring (after the article is saved) moves it, so it is not
        re-validated against the new body here.
        """
        return bool(self.instance.pk) and not self.has_changed()

    def _post_clean(self):
        if self.is_untouched_row():
            return
        super()._post_clean()

    def span_changed(self) -> bool:
        return bool({"exact", "occurrence", "article"} & set(self.changed_data))

    def clean(self):
        cleaned = super().clean()
        article = self.span_article()
        if article is None or not self.has_span_fields() or self.is_untouched_row():
            return cleaned
        # Model validation (span inside the body) must see the body being saved.
        self.instance.article = article
        body = article.body
        if "exact" in self.errors:
            return cleaned
        # Browsers send a textarea's line breaks as CRLF; bodies are stored with LF.
        text = (cleaned.get("exact") or "").replace("\r\n", "\n")
        cleaned["exact"] = text
        occurrence = cleaned.get("occurrence") or 1
        if not text:
            if self.span_required:
                self.add_error("exact", _("Give the exact text of the span."))
            else:
                self.instance.clear_span()
            return cleaned
        unchanged = (
            not self.span_changed()
            and self.instance.has_span
            and body[self.instance.start : self.instance.end] == text
        )
        if not unchanged:
            self.anchor(body, text, occurrence)
        return cleaned

    def _update_errors(self, errors):
        # Model validation repeats a missing or misplaced span in its own words; a
        # field that already has the form's message does not need a second one.
        if hasattr(errors, "error_dict"):
            for field in list(errors.error_dict):
                if field in self._errors:
                    del errors.error_dict[field]
            if not errors.error_dict:
                return
        super()._update_errors(errors)

    def anchor(self, body: str, text: str, occurrence: int) -> None:
        found = count_occurrences(body, text)
        try:
            self.instance.set_span_from_text(body, text, occurrence)
        except ValidationError as error:
            field = "occurrence" if found and occurrence > found else "exact"
            self.add_error(field, error.message_dict["exact"])


class SpanInlineFormSet(BaseInlineFormSet):
    """Hands the parent article (with the body as edited) and the body as stored
    (which the offsets index into) to each span form."""

    def get_form_kwargs(self, index):
        return {
            **super().get_form_kwargs(index),
            "article": self.instance,
            "stored_body": self.stored_body,
        }

    @cached_property
    def stored_body(self) -> str | None:
        """On a POST the parent form has already put the edited body on the
        article, so the stored one is read back (one query per formset)."""
        article = self.instance
        if article.pk is None:
            return None
        if not self.is_bound:
            return article.body
        stored = type(article)._default_manager.filter(pk=article.pk)
        return stored.values_list("body", flat=True).first()
