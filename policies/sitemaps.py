"""sitemap.xml sections for the policy and team pages (published ones only)."""

from articles.sitemaps import SiteUrlSitemap
from policies import selectors
from policies.models import GENERATED_KINDS, PageKind, PolicyPage, page_url


class PolicySitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        written = set(PolicyPage.objects.published().values_list("kind", flat=True))
        return [kind for kind in PageKind.values if kind in written | GENERATED_KINDS]

    def location(self, item):
        return page_url(item)


class AuthorSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return selectors.public_authors().order_by("slug")


SITEMAPS = {"policies": PolicySitemap, "team": AuthorSitemap}
