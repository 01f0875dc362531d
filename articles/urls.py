from django.urls import path, register_converter

from articles import views
from articles.review import views as review


class ReviewKindConverter:
    """``quote`` or ``claim`` in review addresses."""

    regex = "quote|claim"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ReviewKindConverter, "reviewkind")

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "fact-checks/<slug:slug>/",
        views.FactCheckDetailView.as_view(),
        name="factcheck_detail",
    ),
    path(
        "claims/<int:pk>-<slug:slug>/",
        views.ClaimDetailView.as_view(),
        name="claim_detail",
    ),
    path(
        "entities/<slug:slug>/", views.EntityDetailView.as_view(), name="entity_detail"
    ),
    path("review/", review.review_queue, name="review_queue"),
    path("review/stats/", review.review_stats_view, name="review_stats"),
    path("review/entities/", review.review_entities, name="review_entities"),
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
