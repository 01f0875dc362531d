from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.bases import TimestampedModel
from entities.locking import VersionedModel
from entities.validators import validate_url_lines, validate_wikidata_id
from suggest.lexicon import is_acronym


class EntityKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANIZATION = "organization", _("Organisation")
    PUBLICATION = "publication", _("Publication or news agency")
    PLACE = "place", _("Place")
    OBJECT = "object", _("Object (spacecraft, vehicle, product)")
    EVENT = "event", _("Event")


def unique_slug(model, text: str, instance_pk=None, field: str = "slug") -> str:
    """Return a slug for ``text`` not yet used by another row of ``model``."""
    max_length = model._meta.get_field(field).max_length
    base = (slugify(text) or "item")[: max_length - 8]
    slug, number = base, 2
    others = model._default_manager.exclude(pk=instance_pk)
    while others.filter(**{field: slug}).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


class EntityQuerySet(models.QuerySet):
    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def with_mention_count(self):
        return self.annotate(mention_count=models.Count("mentions", distinct=True))

    def search(self, term: str):
        """Entities whose name or one of whose aliases contains ``term``."""
        return self.filter(
            models.Q(name__icontains=term) | models.Q(aliases__name__icontains=term)
        ).distinct()


class Entity(VersionedModel, TimestampedModel):
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The usual full name.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The entity page's address; made from the name when left empty."),
        blank=True,
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=EntityKind.choices,
        help_text=_("What sort of thing this entity is."),
    )
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("One line that tells readers who or what this is."),
    )
    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=20,
        blank=True,
        validators=[validate_wikidata_id],
        help_text=_(
            "Q followed by digits, e.g. Q148 for China. Leave empty if unsure."
        ),
    )
    same_as = models.TextField(
        _("same-as addresses"),
        blank=True,
        validators=[validate_url_lines],
        help_text=_(
            "Pages about the same entity elsewhere, one http(s) address a line."
        ),
    )
    history = HistoricalRecords()

    objects = EntityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        indexes = [models.Index(fields=["kind", "name"], name="entity_kind_name_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Entity, self.name, self.pk)
        super().save(*args, **kwargs)

    @property
    def same_as_urls(self) -> list[str]:
        return [line.strip() for line in self.same_as.splitlines() if line.strip()]

    @property
    def wikidata_url(self) -> str:
        if not self.wikidata_id:
            return ""
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}"

    def names(self) -> list[str]:
        """The name followed by every alias (uses prefetched aliases when present)."""
        return [self.name, *(alias.name for alias in self.aliases.all())]


class Alias(VersionedModel):
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("entity"),
        on_delete=models.CASCADE,
        related_name="aliases",
    )
    name = models.CharField(
        _("alias"),
        max_length=200,
        help_text=_("Another name, short form or acronym (e.g. CMSA, US)."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["entity", "name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "name"], name="alias_unique_per_entity"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_acronym(self) -> bool:
        """Acronyms (all capitals) are matched case-sensitively: "US" is not "us"."""
        return is_acronym(self.name)
