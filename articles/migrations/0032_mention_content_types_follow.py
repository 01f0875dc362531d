"""The content types of Mention and its history follow the model to ``articles``.

Re-labelling the rows in place (``entities`` → ``articles``) keeps their ids, so the
permissions that point at them (``change_mention`` ...), the groups and users that
hold those permissions, and the admin log entries all follow without a copy.

On a new database entities 0005 may run before articles 0003 (which creates the
roles): then no ``entities`` row exists, and this migration creates the rights under
``articles`` and gives the roles the Mention rights 0003 gives them elsewhere.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("mention", "historicalmention")
# As articles 0003 grants them (REGISTRY): editors edit mentions, the others view.
ROLE_ACTIONS = {
    "Editor": ("add", "change", "delete", "view"),
    "Reviewer": ("view",),
    "Publisher": ("view",),
}


def relabel(old_label: str, new_label: str):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        types = ContentType.objects.using(schema_editor.connection.alias)
        if not types.filter(app_label=old_label, model="mention").exists():
            if new_label == "articles":
                grant_to_new_roles(apps)
            return
        for model in MODELS:
            # A row under the new label can only have been made by a post_migrate
            # run between 0031 and this migration; it holds no group's rights yet,
            # and the old row (with them) takes its place.
            types.filter(app_label=new_label, model=model).delete()
            types.filter(app_label=old_label, model=model).update(app_label=new_label)

    return run


def grant_to_new_roles(apps):
    """A new database: create the articles rights now and give the roles theirs."""
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    grant_mention_rights(apps)


def grant_mention_rights(apps):
    """Give the role groups that exist their Mention rights (tests that flush the
    groups rebuild them with 0003's assignment and this)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=ROLE_ACTIONS):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="articles",
                codename__in=[f"{a}_mention" for a in ROLE_ACTIONS[group.name]],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0031_mention_from_entities"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            relabel("entities", "articles"), relabel("articles", "entities")
        ),
    ]
