from django.conf import settings


def site(request):
    """Expose the publishing organisation and the site's base URL to templates."""
    return {
        "organization": settings.NEWSROOM_ORGANIZATION,
        "site_url": settings.SITE_URL,
    }
