"""Which tables a desk archive holds, in which order, and how their columns travel.

Everything is read from Django's model registry, so a field or model another change
adds to ``entities`` or ``articles`` is archived without touching this code:

- every concrete model of the editorial apps (entities, articles, policies), with the
  history tables django-simple-history registers there and the auto-created
  many-to-many tables;
- the user model, groups and their many-to-many tables (memberships, permissions),
  so authorship, reviewers and roles come back.

Rows that ``migrate`` creates by itself (permissions, content types) are not archived:
a foreign key to such a table travels as the row's natural key, which a freshly
migrated database resolves to its own ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models

from articles.services.desk_archive.manifest import ArchiveError

EDITORIAL_APPS = ("entities", "articles", "policies")


@dataclass(frozen=True)
class ArchivedModel:
    """One table of the archive: the model, its columns and how to encode them."""

    model: type[models.Model]
    fields: tuple[models.Field, ...]
    # attname → the model whose natural key stands in for the id (outside the archive)
    natural_keys: dict[str, type[models.Model]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def file_name(self) -> str:
        return f"data/{self.label}.jsonl"

    @property
    def columns(self) -> list[str]:
        return [f.attname for f in self.fields]


def _auth_models() -> list[type[models.Model]]:
    """The user model and groups, with the tables behind their many-to-many fields."""
    result = []
    for model in (Group, get_user_model()):
        result.append(model)
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if through._meta.auto_created:
                result.append(through)
    return result


def _candidate_models() -> list[type[models.Model]]:
    candidates = [
        model
        for label in EDITORIAL_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    candidates += _auth_models()
    seen, result = set(), []
    for model in candidates:
        opts = model._meta
        if opts.proxy or not opts.managed or model in seen:
            continue
        seen.add(model)
        result.append(model)
    return result


def _dependency_order(models_: list[type[models.Model]]) -> list[type[models.Model]]:
    """Models sorted so that a table comes after the tables its keys point to.

    Self-references and cycles do not block the sort (the database checks foreign
    keys at commit, see restore); ties keep the registry's order.
    """
    inside = set(models_)
    depends = {
        model: {
            f.related_model
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in inside and f.related_model != model
        }
        for model in models_
    }
    ordered, placed = [], set()
    while len(ordered) < len(models_):
        ready = [m for m in models_ if m not in placed and depends[m] <= placed]
        if not ready:  # a cycle: take the first remaining model
            ready = [next(m for m in models_ if m not in placed)]
        for model in ready:
            ordered.append(model)
            placed.add(model)
    return ordered


def archived_models() -> list[ArchivedModel]:
    """Every table of a desk archive, in dependency order."""
    models_ = _dependency_order(_candidate_models())
    inside = set(models_)
    result = []
    for model in models_:
        natural = {}
        for f in model._meta.concrete_fields:
            target = f.related_model if f.is_relation else None
            if target is None or target in inside:
                continue
            if not hasattr(target, "natural_key"):
                raise ArchiveError(
                    f"{model._meta.label}.{f.name} points to {target._meta.label}, "
                    "which is neither archived nor has a natural key."
                )
            natural[f.attname] = target
        result.append(
            ArchivedModel(
                model=model,
                fields=tuple(model._meta.concrete_fields),
                natural_keys=natural,
            )
        )
    return result


def migration_apps() -> list[str]:
    """Apps whose migration state the manifest records (those owning a table)."""
    labels = {entry.model._meta.app_label for entry in archived_models()}
    for entry in archived_models():
        labels.update(target._meta.app_label for target in entry.natural_keys.values())
    return sorted(labels)
