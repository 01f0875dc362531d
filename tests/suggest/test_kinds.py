from articles.models.choices import QuoteKind
from entities.models import EntityKind
from suggest import kinds


def test_the_engine_kinds_are_the_models_kinds():
    assert {k.value for k in kinds.EntityKind} == set(EntityKind.values)
    assert {k.value for k in kinds.QuoteKind} == set(QuoteKind.values)
