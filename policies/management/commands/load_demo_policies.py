"""``manage.py load_demo_policies``: the demo desk's placeholder policy pages."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import AuthorProfile
from policies.demo_texts import DEMO_AUTHOR, PAGES
from policies.models import PolicyPage


class Command(BaseCommand):
    help = (
        "Create the demo desk's placeholder policy pages (each says it is one) and "
        "the demo editor's team profile. Pages that exist are left as they are."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        created = 0
        for kind, (title, paragraphs) in PAGES.items():
            _page, made = PolicyPage.objects.get_or_create(
                kind=kind, defaults={"title": title, "body": "\n\n".join(paragraphs)}
            )
            created += made
        user = get_user_model().objects.filter(username=DEMO_AUTHOR["username"])
        user = user.first()
        if user is not None and not hasattr(user, "author_profile"):
            AuthorProfile.objects.create(
                user=user,
                slug=DEMO_AUTHOR["slug"],
                role=DEMO_AUTHOR["role"],
                bio=DEMO_AUTHOR["bio"],
            )
        self.stdout.write(f"Created {created} demo policy pages.")
