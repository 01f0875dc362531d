import pytest

from entities.matcher import bump_registry_version


@pytest.fixture(autouse=True)
def fresh_registry_matcher():
    """A rolled-back test transaction sends no signal: start each test afresh."""
    bump_registry_version()
