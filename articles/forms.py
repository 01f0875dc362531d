"""Editing forms for quotes and claims: spans and cues are given as text."""

from django.utils.translation import gettext_lazy as _

from articles.models import Claim, ClaimState, Mention, Quote
from common.spans import count_occurrences, find_occurrence, occurrence_number
from entities.forms import SpanModelForm, occurrence_field


class QuoteForm(SpanModelForm):
    """A quote's words and its cue ("said", "according to") are typed as text."""

    cue_occurrence = occurrence_field(
        label=_("Cue occurrence"),
        help_text=_("When the cue appears more than once: which one (1 = the first)."),
    )

    class Meta:
        model = Quote
        fields = (
            "article",
            "exact",
            "occurrence",
            "speaker",
            "speaker_text",
            "cue",
            "cue_occurrence",
            "kind",
            "is_vague",
            "suggestion_state",
            "origin",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cue" not in self.fields:  # a view-only admin page
            return
        self.fields["cue"].help_text = _(
            'The attribution words exactly as written ("According to", "said"); '
            "their position is found for you."
        )
        instance = self.instance
        if instance.pk and instance.cue and instance.cue_start is not None:
            body = self.span_body_or_none()
            if body is not None:
                self.initial["cue_occurrence"] = occurrence_number(
                    body, instance.cue, instance.cue_start
                )

    def clean(self):
        cleaned = super().clean()
        article = self.span_article()
        if article is None or "cue" not in self.fields:
            return cleaned
        cue = cleaned.get("cue") or ""
        if not cue:
            self.instance.cue_start = self.instance.cue_end = None
            return cleaned
        occurrence = cleaned.get("cue_occurrence") or 1
        changed = bool({"cue", "cue_occurrence", "article"} & set(self.changed_data))
        start = find_occurrence(article.body, cue, occurrence)
        if start is not None:
            self.instance.cue_start, self.instance.cue_end = start, start + len(cue)
        elif changed or self.instance.cue_start is not None:
            found = count_occurrences(article.body, cue)
            if found:
                self.add_error(
                    "cue_occurrence",
                    _(
                        "The cue appears %(found)d time(s); there is no "
                        "occurrence %(n)d."
                    )
                    % {"found": found, "n": occurrence},
                )
            else:
                self.add_error(
                    "cue", _("“%(cue)s” does not appear in the text.") % {"cue": cue}
                )
        return cleaned


class ClaimForm(SpanModelForm):
    """A claim's span is optional: some claims are the checker's own summary."""

    span_required = False

    class Meta:
        model = Claim
        fields = (
            "article",
            "statement",
            "exact",
            "occurrence",
            "speaker",
            "verdict",
            "verdict_summary",
            "analysis",
            "checked_by",
            "state",
            "recheck_on",
            "repeat_of",
            "origin",
            "suggestion_state",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.has_span_fields():
            return
        self.fields["exact"].help_text = _(
            "Optional: the claim's exact words in the article; the position is "
            "found for you."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") == ClaimState.CHECKED:
            for field in ("verdict", "verdict_summary"):
                if not cleaned.get(field):
                    self.add_error(
                        field, _("A checked claim needs a verdict and its summary.")
                    )
        return cleaned


class MentionForm(SpanModelForm):
    class Meta:
        model = Mention
        fields = (
            "article",
            "entity",
            "exact",
            "occurrence",
            "suggestion_state",
            "origin",
        )

    def clean(self):
        cleaned = super().clean()
        article, entity = self.span_article(), cleaned.get("entity")
        instance = self.instance
        if article is not None and article.pk and entity and instance.has_span:
            duplicate = Mention.objects.filter(
                article=article, entity=entity, start=instance.start, end=instance.end
            ).exclude(pk=instance.pk)
            if duplicate.exists():
                self.add_error(
                    "exact", _("This text is already tagged with this entity.")
                )
        return cleaned
