"""Lazy access to the suggestion engine (pure functions on text).

Every call imports its engine module on first use, so this package loads even where
one part of the engine is missing: the caller gets ``EngineUnavailable`` and carries
on with the parts that are there. Tests replace these functions with fakes.
"""

from __future__ import annotations

from importlib import import_module


class EngineUnavailable(Exception):
    """A part of the suggestion engine is not installed in this build."""


def _function(module: str, name: str):
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError) as error:
        raise EngineUnavailable(f"{module}.{name}") from error


def find_mentions(text: str) -> list:
    """Registry mentions: [MentionCandidate(start, end, text, entity_id)]."""
    return _function("entities.matcher", "get_registry_matcher")().find(text)


def find_new_entities(text: str, *, known=()) -> list:
    return _function("suggest.candidates", "find_new_entities")(text, known=known)


def copy_desk_flags(text: str, *, known_names=()) -> list:
    return _function("suggest.spelling", "copy_desk_flags")(
        text, known_names=known_names
    )


def find_quotes(text: str) -> list:
    return _function("suggest.quotes", "find_quotes")(text)


def find_claims(text: str, *, published_on=None) -> list:
    return _function("suggest.claims", "find_claims")(text, published_on=published_on)


def find_repeats(statement: str, *, exclude_article=None) -> list:
    return _function("articles.services.repeats", "find_repeats")(
        statement, exclude_article=exclude_article
    )


def find_known_fact_checks(statements: list[str]) -> list:
    return _function("articles.services.repeats", "find_known_fact_checks")(statements)
