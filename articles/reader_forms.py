"""Reader-facing GET forms: the claims filter and the search box."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Verdict
from entities.validators import TextInputFormMixin


class ClaimFilterForm(TextInputFormMixin, forms.Form):
    """Filter published claims by verdict, claimant and entity (by slug)."""

    verdict = forms.ChoiceField(label=_("Verdict"), required=False)
    claimant = forms.ChoiceField(label=_("Claimant"), required=False)
    entity = forms.ChoiceField(label=_("Mentions"), required=False)

    def __init__(self, *args, entities=(), **kwargs):
        """``entities``: published entity cards (slug, name, entity_id, is_claimant)."""
        super().__init__(*args, **kwargs)
        everyone = [("", _("Any"))]
        self.fields["verdict"].choices = everyone + list(Verdict.choices)
        self.fields["claimant"].choices = everyone + [
            (e.slug, e.name) for e in entities if e.is_claimant
        ]
        self.fields["entity"].choices = everyone + [(e.slug, e.name) for e in entities]
        self._ids = {e.slug: e.entity_id for e in entities}
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filter(self, claims):
        data = self.cleaned_data
        if data.get("verdict"):
            claims = claims.filter(verdict=data["verdict"])
        if data.get("claimant"):
            claims = claims.filter(claimant_id=self._ids[data["claimant"]])
        if data.get("entity"):
            claims = claims.filter(entities=self._ids[data["entity"]])
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
