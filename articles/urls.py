from django.contrib.sitemaps.views import sitemap
from django.urls import path

from articles import views, views_preview
from articles.cache import cache_public_page
from articles.feeds import LatestFactChecksAtomFeed, LatestFactChecksFeed
from articles.sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("fact-checks/<slug:slug>/", views.factcheck_detail, name="factcheck_detail"),
    path("claims/", views.claim_list, name="claim_list"),
    path("claims/<int:pk>/", views.claim_short, name="claim_short"),
    path("claims/<int:pk>-<slug:slug>/", views.claim_detail, name="claim_detail"),
    path("entities/<slug:slug>/", views.entity_detail, name="entity_detail"),
    path("search/", views.search, name="search"),
    path(
        "feeds/fact-checks.rss",
        cache_public_page(LatestFactChecksFeed()),
        name="feed_rss",
    ),
    path(
        "feeds/fact-checks.atom",
        cache_public_page(LatestFactChecksAtomFeed()),
        name="feed_atom",
    ),
    path(
        "sitemap.xml",
        cache_public_page(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("claimreview.json", views.claimreview_feed, name="claimreview_feed"),
    path(
        "preview/fact-checks/<int:pk>/",
        views_preview.factcheck_preview,
        name="factcheck_preview",
    ),
]
