"""Apps depend on each other one way (issue 12): articles builds on entities.

``entities`` names nothing of ``articles``: no import (tests/test_shared_names.py),
no relation to an ``articles.`` model, no ``articles:`` URL name, no migration
dependency, in its code and its migrations alike. The one exception is history:
``entities`` 0001 created Mention (with its foreign key to ``articles.Article``)
before Mention moved to ``articles``; it stays as it was applied everywhere.
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from articles.models import Mention
from entities.models import Entity

ENTITIES = Path(__file__).resolve().parents[1] / "entities"
# Names an ``articles`` model ("articles.Article") or URL ("articles:entity_detail").
NAMES_ARTICLES = re.compile(r"^articles[.:]\w")
# Migrations applied before Mention moved; their text is history, not a dependency.
BEFORE_THE_MOVE = {"0001_initial.py"}


def _strings_naming_articles(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and NAMES_ARTICLES.match(node.value)
    ]


def _entities_modules() -> list[Path]:
    return [
        path
        for path in sorted(ENTITIES.rglob("*.py"))
        if not (path.parent.name == "migrations" and path.name in BEFORE_THE_MOVE)
    ]


@pytest.mark.parametrize("path", _entities_modules(), ids=lambda p: p.name)
def test_no_entities_module_names_an_articles_model_or_url(path):
    assert _strings_naming_articles(path) == []


def test_the_history_exception_is_only_the_initial_migration():
    migrations = ENTITIES / "migrations"
    naming = {
        path.name
        for path in migrations.glob("0*.py")
        if _strings_naming_articles(path) or "'articles'" in path.read_text()
    }
    assert naming == BEFORE_THE_MOVE


def test_no_entities_model_has_a_relation_to_an_articles_model():
    relations = [
        (model._meta.label, field.name, field.related_model._meta.label)
        for model in apps.get_app_config("entities").get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and field.related_model._meta.app_label == "articles"
    ]
    assert relations == []


def test_entities_migrations_need_no_articles_migration_after_its_initial_one():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    (leaf,) = graph.leaf_nodes("entities")
    needed = {node for node in graph.forwards_plan(leaf) if node[0] == "articles"}
    assert needed == {("articles", "0001_initial")}
    # ... and the move is ordered one way: articles takes Mention over after
    # entities lets it go, never the reverse.
    articles_leaf = graph.leaf_nodes("articles")[0]
    assert ("entities", "0005_mention_moves_to_articles") in graph.forwards_plan(
        articles_leaf
    )
    for app in ("entities", "articles"):
        assert len(graph.leaf_nodes(app)) == 1


def test_mention_lives_in_articles_on_its_old_tables_and_names():
    assert Mention._meta.app_label == "articles"
    assert Mention._meta.db_table == "entities_mention"
    assert Mention.history.model._meta.db_table == "entities_historicalmention"
    assert Mention.history.model._meta.app_label == "articles"
    assert {index.name for index in Mention._meta.indexes} == {
        "mention_entity_suggestion_idx",
        "mention_article_suggestion_idx",
    }
    assert {constraint.name for constraint in Mention._meta.constraints} >= {
        "mention_span_start_before_end",
        "mention_unique_span_per_entity",
    }


def test_an_entity_page_is_still_its_absolute_url():
    assert Entity(slug="tiangong").get_absolute_url() == "/entities/tiangong/"


@pytest.mark.django_db
def test_the_roles_hold_the_mention_permissions_under_articles():
    assert not ContentType.objects.filter(app_label="entities", model="mention")
    editor = set(
        Group.objects.get(name="Editor").permissions.filter(
            content_type__model="mention"
        )
    )
    assert {(p.content_type.app_label, p.codename) for p in editor} == {
        ("articles", f"{action}_mention")
        for action in ("add", "change", "delete", "view")
    }
    for role in ("Reviewer", "Publisher"):
        held = Group.objects.get(name=role).permissions.filter(
            content_type__model="mention"
        )
        assert [(p.content_type.app_label, p.codename) for p in held] == [
            ("articles", "view_mention")
        ]


class _Editor:
    connection = connection


@pytest.mark.django_db
def test_the_content_type_migration_moves_the_rows_and_their_rights_both_ways():
    from importlib import import_module

    migration = import_module("articles.migrations.0032_mention_content_types_follow")
    mention = ContentType.objects.get(app_label="articles", model="mention")
    rights = set(Permission.objects.filter(content_type=mention))
    holders = set(Group.objects.filter(permissions__content_type=mention))
    assert rights and holders

    migration.relabel("articles", "entities")(apps, _Editor)
    mention.refresh_from_db()
    assert mention.app_label == "entities"
    assert set(Permission.objects.filter(content_type=mention)) == rights

    # A stray row made under the new label meanwhile gives way to the old one.
    ContentType.objects.create(app_label="articles", model="mention")
    migration.relabel("entities", "articles")(apps, _Editor)
    mention.refresh_from_db()
    assert mention.app_label == "articles"
    assert set(Group.objects.filter(permissions__content_type=mention)) == holders
    ContentType.objects.clear_cache()
