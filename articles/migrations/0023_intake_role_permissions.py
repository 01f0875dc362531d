"""The roles' permissions on what comes in from outside.

Editors import other publishers' fact-checks and moderate readers' claim suggestions;
publishers handle readers' error reports (they add the corrections). Each role can see
the other's queue.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editor": [
        *(
            f"{action}_{model}"
            for model in ("knownfactcheck", "claimreviewimport", "claimsuggestion")
            for action in ("add", "change", "view")
        ),
        "view_errorreport",
    ],
    "Publisher": [
        "view_knownfactcheck",
        "view_claimreviewimport",
        "view_claimsuggestion",
        "change_errorreport",
        "view_errorreport",
    ],
}


def _grants(apps):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        permissions = Permission.objects.filter(
            content_type__app_label="articles", codename__in=codenames
        )
        yield group, list(permissions)


def grant(apps, schema_editor=None):
    for group, permissions in _grants(apps):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor=None):
    for group, permissions in _grants(apps):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_known_factchecks_reader_intake"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
