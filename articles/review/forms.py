"""Forms of the review page: dispute and correct (confirm needs only a button)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from entities.ids import parse_id
from entities.models import Entity, EntityKind
from entities.selectors import entities_named, entity_named
from entities.validators import TextInputFormMixin

ENTITY_LABEL_ID = re.compile(r"\[#([0-9]+)\]\s*$")
NOTE_HELP = _("Reviewers and editors read this in the item's history.")


def review_entity_label(entity: Entity) -> str:
    """How an entity appears in the review desk's lists ("Name — Kind [#12]"); the
    Tag page's ``tag_entity_label`` reads "Name (Kind) #12". The id is what counts."""
    return f"{entity.name} — {entity.get_kind_display()} [#{entity.pk}]"


def resolve_entity(text: str) -> Entity:
    """Find the entity a reviewer typed or picked; ValidationError if none or many."""
    text = text.strip()
    match = ENTITY_LABEL_ID.search(text)
    if match:
        pk = parse_id(match.group(1))
        entity = Entity.objects.filter(pk=pk).first() if pk else None
        if entity:
            return entity
    entity = entity_named(text)
    if entity is not None:
        return entity
    if not entities_named(text).exists():
        raise forms.ValidationError(
            _(
                "No entity is called “%(text)s”. Pick one from the suggestions, or "
                "create it below with its kind."
            ),
            params={"text": text},
        )
    raise forms.ValidationError(
        _("Several entities are called “%(text)s”: pick one from the suggestions."),
        params={"text": text},
    )


class DisputeForm(TextInputFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Why is this attribution doubtful?"),
        help_text=NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why you dispute it: a note is required.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "dispute")
        super().__init__(*args, **kwargs)


class CorrectForm(TextInputFormMixin, forms.Form):
    entity = forms.CharField(
        label=_("Who really said it"),
        required=False,
        help_text=_("Type a few letters and pick an existing entity…"),
        widget=forms.TextInput(attrs={"list": "entity-options", "autocomplete": "off"}),
    )
    new_name = forms.CharField(
        label=_("…or a new entity's name"),
        required=False,
        max_length=200,
    )
    new_kind = forms.ChoiceField(
        label=_("New entity's kind"),
        required=False,
        choices=[("", "—"), *EntityKind.choices],
    )
    note = forms.CharField(
        label=_("Why is it corrected?"),
        help_text=NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why you correct it: a note is required.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "correct")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        entity_text = data.get("entity", "").strip()
        new_name = data.get("new_name", "").strip()
        if entity_text and new_name:
            raise forms.ValidationError(
                _("Either pick an existing entity or create a new one, not both.")
            )
        if entity_text:
            try:
                data["speaker"] = resolve_entity(entity_text)
            except forms.ValidationError as error:
                self.add_error("entity", error)
        elif new_name:
            if not data.get("new_kind"):
                self.add_error("new_kind", _("Choose what kind of entity it is."))
        else:
            raise forms.ValidationError(
                _("Pick who really said it, or give a new entity's name and kind.")
            )
        return data
