"""The admin site: Django's own, except that staff land on My desk after signing in.

Installed through ``NewsroomAdminConfig`` (INSTALLED_APPS), so ``admin.site`` and
``@admin.register`` use it as they would Django's default site.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse


class NewsroomAdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        """Without a ``next`` to go back to, a successful login opens My desk."""
        if (
            REDIRECT_FIELD_NAME not in request.GET
            and REDIRECT_FIELD_NAME not in request.POST
        ):
            extra_context = {
                REDIRECT_FIELD_NAME: reverse("articles:desk_home"),
                **(extra_context or {}),
            }
        return super().login(request, extra_context)


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.admin_site.NewsroomAdminSite"
