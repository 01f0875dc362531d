import pytest

from tests.publishing import NOW, make_fact_check, publish


@pytest.fixture
def published():
    """The factories' fact-check, published at NOW through the services."""
    fact_check = make_fact_check()
    publish(fact_check, now=NOW)
    return fact_check
