"""Create the Editor, Reviewer and Publisher groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORIAL = ["article", "quote", "claim", "citation", "factcheck", "factcheckclaim"]
REGISTRY = ["entity", "alias", "mention"]


def crud(app, models):
    return [
        (app, f"{action}_{model}")
        for model in models
        for action in ("add", "change", "delete", "view")
    ]


def view(app, models):
    return [(app, f"view_{model}") for model in models]


ROLES = {
    "Editor": [
        *crud("articles", EDITORIAL),
        *crud("entities", REGISTRY),
        *view("articles", ["correction", "publishedversion"]),
        ("articles", "submit_factcheck"),
    ],
    "Reviewer": [
        *view("articles", EDITORIAL),
        *view("entities", REGISTRY),
        ("entities", "add_entity"),
        ("entities", "add_alias"),
        ("articles", "review_attribution"),
    ],
    "Publisher": [
        *view("articles", EDITORIAL),
        *view("entities", REGISTRY),
        *crud("articles", ["correction"]),
        *view("articles", ["publishedversion"]),
        ("articles", "approve_factcheck"),
        ("articles", "publish_factcheck"),
        ("articles", "review_attribution"),
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    assign_group_permissions(apps)


def assign_group_permissions(apps):
    """Create each role group (if missing) and give it exactly its permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in codenames
            if _model_in_state(apps, app, codename)
        ]
        group.permissions.set(permissions)


def _model_in_state(apps, app: str, codename: str) -> bool:
    """False for a Mention right when Mention has already left ``entities``.

    Mention moved to ``articles`` (entities 0005, articles 0031); on a new database
    entities 0005 may run before this migration. Articles 0032 then grants the
    roles their Mention rights under ``articles``.
    """
    if app == "entities" and codename.endswith("_mention"):
        try:
            apps.get_model("entities", "Mention")
        except LookupError:
            return False
    return True


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_initial"),
        ("entities", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
