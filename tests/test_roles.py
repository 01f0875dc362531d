import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def codenames(name):
    return set(
        Group.objects.get(name=name).permissions.values_list("codename", flat=True)
    )


def test_migration_creates_the_three_roles_with_their_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Editor",
        "Reviewer",
        "Publisher",
    }
    assert {"change_article", "add_claim", "add_citation", "submit_factcheck"} <= (
        codenames("Editor")
    )
    assert "publish_factcheck" not in codenames("Editor")
    assert "review_attribution" in codenames("Reviewer")
    assert "change_claim" not in codenames("Reviewer")
    assert {"approve_factcheck", "publish_factcheck", "add_correction"} <= codenames(
        "Publisher"
    )
    assert "change_article" not in codenames("Publisher")
    # Confirming who said what is the reviewers' work; publishers approve it.
    assert "review_attribution" not in codenames("Publisher")
    assert "change_claim" not in codenames("Publisher")


def test_editors_import_and_moderate_publishers_handle_error_reports():
    assert {"add_knownfactcheck", "change_claimsuggestion", "view_errorreport"} <= (
        codenames("Editor")
    )
    assert "change_errorreport" not in codenames("Editor")
    assert {"change_errorreport", "view_claimsuggestion"} <= codenames("Publisher")
    assert "change_claimsuggestion" not in codenames("Publisher")
    assert "add_knownfactcheck" not in codenames("Reviewer")
