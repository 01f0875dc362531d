"""Render the stored fact-check pages again (after a template or settings change)."""

from django.core.management.base import BaseCommand

from articles.cache import clear_public_cache
from articles.models import PublishedVersion
from articles.rendering import render_pages


class Command(BaseCommand):
    help = (
        "Render every current published version's page again, in every language, "
        "then empty the public page cache. Run it after deploying template changes."
    )

    def handle(self, *args, **options):
        count = 0
        for version in PublishedVersion.objects.current().iterator(chunk_size=50):
            render_pages(version)
            count += 1
        clear_public_cache()
        self.stdout.write(f"Rendered {count} published fact-check pages.")
