from django.urls import path

from articles.intake import views

# Included by articles.urls, in the ``articles`` namespace.
urlpatterns = [
    path("suggest-a-claim/", views.suggest_claim, name="suggest_claim"),
    path(
        "fact-checks/<slug:slug>/report-an-error/",
        views.report_error,
        name="report_error",
    ),
]
