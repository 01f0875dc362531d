"""One name per idea across the span models (issue 12): Mention, Quote and Claim."""

import ast
from pathlib import Path

import pytest

from articles.models import Article, Claim, Mention, Quote
from common.bases import SuggestionState
from entities.models import Entity

SPAN_MODELS = (Mention, Quote, Claim)


def field_names(model) -> set[str]:
    return {field.name for field in model._meta.get_fields()}


@pytest.mark.parametrize("model", SPAN_MODELS, ids=lambda m: m.__name__)
def test_the_suggestion_state_has_one_name(model):
    field = model._meta.get_field("suggestion_state")
    assert field.choices == SuggestionState.choices
    assert field.default == SuggestionState.CONFIRMED


@pytest.mark.parametrize("model", (Mention, Quote), ids=lambda m: m.__name__)
def test_state_is_no_longer_a_second_name_for_it(model):
    assert "state" not in field_names(model)


@pytest.mark.django_db
def test_the_queue_index_and_mention_indexes_name_the_new_column():
    indexes = {
        index.name: index for model in SPAN_MODELS for index in model._meta.indexes
    }
    assert "suggestion_state" in str(indexes["quote_review_queue_idx"].condition)
    assert indexes["mention_entity_suggestion_idx"].fields == [
        "entity",
        "suggestion_state",
    ]


@pytest.mark.parametrize("model", SPAN_MODELS, ids=lambda m: m.__name__)
def test_the_span_models_share_one_abstract_base(model):
    from common.bases import SuggestedSpan

    assert issubclass(model, SuggestedSpan)
    for name in ("origin", "suggestion_state", "start", "end", "exact"):
        assert model._meta.get_field(name).model is model
        assert model._meta.get_field(name).verbose_name == (
            SuggestedSpan._meta.get_field(name).verbose_name
        )


@pytest.mark.parametrize("model", (Entity, Mention, Article), ids=lambda m: m.__name__)
def test_timestamps_come_from_one_abstract_base(model):
    from common.bases import TimestampedModel

    assert issubclass(model, TimestampedModel)


def test_the_common_module_registers_no_models():
    from django.apps import apps

    assert "common" not in {config.label for config in apps.get_app_configs()}
    assert not [m for m in apps.get_models() if m.__module__.startswith("common.")]


@pytest.mark.parametrize("model", (Quote, Claim), ids=lambda m: m.__name__)
def test_who_is_credited_has_one_name(model):
    field = model._meta.get_field("speaker")
    assert field.related_model is Entity
    assert "claimant" not in field_names(model)


def test_a_claim_is_still_labelled_with_its_claimant():
    assert Claim._meta.get_field("speaker").verbose_name == "claimant"


def _imports_of(package: str) -> list[tuple[str, str]]:
    """(file, module) for every ``import``/``from`` statement in a package's code
    (migrations included: they must follow the same direction)."""
    root = Path(__file__).resolve().parents[1] / package
    found = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.append((path.name, node.module))
            elif isinstance(node, ast.Import):
                found.extend((path.name, alias.name) for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("common", ("articles", "entities", "api", "policies")),
        ("entities", ("articles",)),
    ],
)
def test_shared_code_imports_nothing_from_the_apps_built_on_it(package, forbidden):
    leaks = [
        (name, module)
        for name, module in _imports_of(package)
        if module.split(".")[0] in forbidden
    ]
    assert leaks == []
