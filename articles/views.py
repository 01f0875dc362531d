"""Public reader pages: they read only published snapshots."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from articles.models import PublishedClaim, PublishedVersion
from entities.models import Entity


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "versions"
    paginate_by = 20

    def get_queryset(self):
        return PublishedVersion.objects.current().order_by("-published_at")


class FactCheckDetailView(DetailView):
    template_name = "articles/factcheck_detail.html"
    context_object_name = "version"

    def get_object(self, queryset=None):
        return get_object_or_404(
            PublishedVersion.objects.current(), slug=self.kwargs["slug"]
        )


class ClaimDetailView(DetailView):
    template_name = "articles/claim_detail.html"
    context_object_name = "published_claim"

    def get_object(self, queryset=None):
        return get_object_or_404(
            PublishedClaim.objects.current(), claim_ref=self.kwargs["pk"]
        )


class EntityDetailView(DetailView):
    template_name = "articles/entity_detail.html"
    context_object_name = "entity"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Entity.objects.filter(published_versions__is_current=True).distinct(),
            slug=self.kwargs["slug"],
        )
