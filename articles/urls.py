from django.urls import include, path, register_converter

from articles import views, views_preview
from articles.cache import cache_public_page
from articles.feeds import LatestFactChecksAtomFeed, LatestFactChecksFeed
from articles.review import views as review
from articles.sitemaps import SITEMAPS, sitemap_index, sitemap_section


class ReviewKindConverter:
    """``quote`` or ``claim`` in review addresses."""

    regex = "quote|claim"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class DeskKindConverter(ReviewKindConverter):
    """``factcheck``, ``claim`` or ``quote`` in desk addresses."""

    regex = "factcheck|claim|quote"


register_converter(ReviewKindConverter, "reviewkind")
register_converter(DeskKindConverter, "deskkind")

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("fact-checks/<slug:slug>/", views.factcheck_detail, name="factcheck_detail"),
    path(
        "fact-checks/<slug:slug>/versions/",
        views.factcheck_versions,
        name="factcheck_versions",
    ),
    path("claims/", views.claim_list, name="claim_list"),
    path("claims.csv", views.claim_list_csv, name="claim_list_csv"),
    path("claims/<int:pk>/", views.claim_short, name="claim_short"),
    path("claims/<int:pk>-<slug:slug>/", views.claim_detail, name="claim_detail"),
    path("entities/<slug:slug>/", views.entity_detail, name="entity_detail"),
    path("search/", views.search, name="search"),
    path("sources/<int:pk>/archived/", views.source_archive, name="source_archive"),
    path(
        "feeds/fact-checks.rss",
        cache_public_page(LatestFactChecksFeed(), tags=["feeds"]),
        name="feed_rss",
    ),
    path(
        "feeds/fact-checks.atom",
        cache_public_page(LatestFactChecksAtomFeed(), tags=["feeds"]),
        name="feed_atom",
    ),
    path(
        "sitemap.xml",
        cache_public_page(sitemap_index, tags=["sitemap"]),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cache_public_page(sitemap_section, params=("p",), tags=["sitemap"]),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("claimreview.json", views.claimreview_feed, name="claimreview_feed"),
    path(
        "preview/fact-checks/<int:pk>/",
        views_preview.factcheck_preview,
        name="factcheck_preview",
    ),
    path("desk/", include("articles.desk.urls")),
    path("", include("articles.intake.urls")),
    path("review/", review.review_queue, name="review_queue"),
    path("review/stats/", review.review_stats_view, name="review_stats"),
    path("review/entities/", review.review_entities, name="review_entities"),
    path("review/articles/", review.review_articles, name="review_articles"),
    path(
        "review/<reviewkind:kind>/<int:pk>/",
        review.review_item,
        name="review_item",
    ),
    path(
        "review/<reviewkind:kind>/<int:pk>/confirm/",
        review.review_confirm,
        name="review_confirm",
    ),
    path(
        "review/<reviewkind:kind>/<int:pk>/dispute/",
        review.review_dispute,
        name="review_dispute",
    ),
    path(
        "review/<reviewkind:kind>/<int:pk>/correct/",
        review.review_correct,
        name="review_correct",
    ),
]
