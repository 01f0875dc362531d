from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "policies"
    verbose_name = "Policies"

    def ready(self):
        from articles.sitemaps import SITEMAPS
        from policies import signals  # noqa: F401  (cache invalidation)
        from policies.sitemaps import SITEMAPS as POLICY_SITEMAPS

        # sitemap.xml is served by articles, which does not know this app: add the
        # policy and team sections to the sections it serves.
        SITEMAPS.update(POLICY_SITEMAPS)
