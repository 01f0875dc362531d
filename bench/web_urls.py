"""The site's URLs plus the bare yardstick view (see bench/web_settings.py)."""

from django.shortcuts import render
from django.urls import include, path


def bare(request, name):
    return render(request, f"bare/{name}.html")


urlpatterns = [
    path("bench/bare/<slug:name>/", bare),
    path("", include("newsroom.urls")),
]
