"""Reader-facing GET forms: the claims filter and the search box."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Verdict
from articles.selectors import published_entity_id
from entities.validators import TextInputFormMixin


class ClaimFilterForm(TextInputFormMixin, forms.Form):
    """Filter published claims by verdict, claimant and entity.

    Claimant and entity are text boxes taking a name or an entity page's slug, with
    suggestions (``selectors.filter_suggestions``): listing every published
    entity would put thousands of options on every page.
    """

    verdict = forms.ChoiceField(label=_("Verdict"), required=False)
    claimant = forms.CharField(label=_("Claimant"), required=False, max_length=200)
    entity = forms.CharField(label=_("Mentions"), required=False, max_length=200)

    def __init__(self, *args, suggestions=None, **kwargs):
        """``suggestions``: {"claimant": [names], "entity": [names]} for the lists."""
        super().__init__(*args, **kwargs)
        self.suggestions = suggestions or {"claimant": [], "entity": []}
        self.fields["verdict"].choices = [("", _("Any")), *Verdict.choices]
        self.fields["verdict"].widget.attrs["class"] = "form-select"
        for name in ("claimant", "entity"):
            self.fields[name].widget.attrs.update(
                {
                    "class": "form-control",
                    "list": f"{name}-suggestions",
                    "autocomplete": "off",
                    "placeholder": _("Any"),
                }
            )

    def _entity_id(self, name: str) -> int | None:
        value = self.cleaned_data.get(name, "")
        if not value:
            return None
        entity_id = published_entity_id(value)
        if entity_id is None:
            raise forms.ValidationError(
                _("Nothing published names “%(value)s”: pick a suggested name."),
                params={"value": value},
            )
        return entity_id

    def clean_claimant(self):
        return self._entity_id("claimant")

    def clean_entity(self):
        return self._entity_id("entity")

    def filter(self, claims):
        data = self.cleaned_data
        if data.get("verdict"):
            claims = claims.filter(verdict=data["verdict"])
        if data.get("claimant"):
            claims = claims.filter(claimant_id=data["claimant"])
        if data.get("entity"):
            claims = claims.filter(entities=data["entity"])
        return claims


class SearchForm(TextInputFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search fact-checks and claims"),
        max_length=200,
        strip=True,
        widget=forms.TextInput(
            attrs={"type": "search", "class": "form-control", "autocomplete": "off"}
        ),
    )
