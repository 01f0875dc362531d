"""A throwaway admin site with a versioned inline, for the locking tests."""

from django.contrib import admin
from django.urls import path

from articles.models import Article, Claim
from entities.locking import OptimisticLockAdminMixin, OptimisticLockInlineMixin
from newsroom.urls import urlpatterns as project_urlpatterns

site = admin.AdminSite(name="locktest")


class ClaimInline(OptimisticLockInlineMixin, admin.StackedInline):
    model = Claim
    fields = ("statement", "verdict_summary")
    extra = 0


@admin.register(Article, site=site)
class ArticleWithClaimsAdmin(OptimisticLockAdminMixin, admin.ModelAdmin):
    fields = ("headline", "body")
    inlines = (ClaimInline,)
    # The project's article template links to the real admin's tagging pages.
    change_form_template = "admin/change_form.html"


urlpatterns = [path("locktest/", site.urls), *project_urlpatterns]
