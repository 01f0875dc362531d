"""Publishers no longer hold ``review_attribution``: confirming who said what is the
Reviewer role's work, and whoever confirms an attribution may not approve the
fact-check anyway (four eyes, read from the history). A desk that wants one person
in both roles puts them in both groups; the four-eyes rule still applies to them."""

from django.db import migrations

ROLE = "Publisher"
PERMISSION = ("articles", "review_attribution")


def _group_and_permission(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=ROLE).first()
    app_label, codename = PERMISSION
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    return group, permission


def take_review_from_publishers(apps, schema_editor=None):
    group, permission = _group_and_permission(apps)
    if group is not None and permission is not None:
        group.permissions.remove(permission)


def give_review_back_to_publishers(apps, schema_editor=None):
    group, permission = _group_and_permission(apps)
    if group is not None and permission is not None:
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_factcheck_slug_help_text"),
    ]

    operations = [
        migrations.RunPython(
            take_review_from_publishers, give_review_back_to_publishers
        )
    ]
