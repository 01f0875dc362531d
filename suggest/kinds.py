"""The kinds the engine assigns, as plain strings.

The values are those of ``entities.models.EntityKind`` and
``articles.models.QuoteKind`` (a test keeps them equal), so a candidate's kind can be
stored as it is, while the engine imports no app.
"""

from enum import StrEnum


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PUBLICATION = "publication"
    PLACE = "place"
    OBJECT = "object"
    EVENT = "event"


class QuoteKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
