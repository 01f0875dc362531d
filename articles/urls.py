from django.urls import path

from articles import views, views_preview

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
    path(
        "preview/fact-checks/<int:pk>/",
        views_preview.factcheck_preview,
        name="factcheck_preview",
    ),
]
