"""``manage.py create_demo_users [--force]``: the accounts of the local demo."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.demo_users import DEMO_USERS


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts admin, editor, reviewer and publisher."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Run outside the local demo settings (never on a public server: "
                "the passwords are published)."
            ),
        )

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEMO_ACCOUNTS_ALLOWED and not force:
            raise CommandError(
                "These settings are not the local demo's (newsroom.settings.dev): demo "
                "users with published passwords are for a local demo only. Pass "
                "--force if you really mean it."
            )
        User = get_user_model()
        for spec in DEMO_USERS:
            user, created = User.objects.get_or_create(username=spec["username"])
            user.is_staff = True
            user.is_superuser = spec["group"] is None
            user.email = user.email or f"{spec['username']}@demo.invalid"
            # Bylines show full names, never logins: "Demo Editor" and so on.
            user.first_name = user.first_name or "Demo"
            user.last_name = user.last_name or spec["username"].capitalize()
            user.set_password(spec["password"])
            user.save()
            if spec["group"]:
                user.groups.set([Group.objects.get(name=spec["group"])])
            action = "created" if created else "updated"
            self.stdout.write(f"{spec['username']}: {action}")
