from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api import docs, views

app_name = "api"


class Router(DefaultRouter):
    # No ``.json`` twins of every address: JSON is the only format served.
    include_format_suffixes = False


router = Router()
router.register("fact-checks", views.FactCheckViewSet, basename="factcheck")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("entities", views.EntityViewSet, basename="entity")

urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("v1/docs/", docs.api_docs, name="docs"),
    path("v1/", include(router.urls)),
]
