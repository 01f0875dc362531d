"""The admin site: Django's own, except that staff land on My desk after signing in,
and that no changelist filter from the address can make a changelist fail.

Installed through ``NewsroomAdminConfig`` (INSTALLED_APPS), so ``admin.site`` and
``@admin.register`` use it as they would Django's default site.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import QueryDict
from django.urls import reverse

from entities.admin_scale import bounded_search_term
from entities.validators import SINGLE_LINE_CONTROL

# The widest integer column (bigint): SQLite cannot even bind a larger number, and
# Python's dates refuse a year that does not fit a C long.
BIGINT_MAX = 2**63 - 1
# The date hierarchy's parts: Python's dates take years up to 9999 and refuse a
# larger number with an error Django does not expect (OverflowError, past a C int).
DATE_PARTS = ("__year", "__month", "__day")
DATE_PART_MAX = 9999


def _too_large(piece: str, limit: int) -> bool:
    digits = piece.strip().removeprefix("-")
    if not (digits.isascii() and digits.isdigit()):
        return False
    return len(digits) > len(str(limit)) or int(digits) > limit


def unusable_filter(params: QueryDict) -> str | None:
    """The name of a changelist filter in ``params`` whose value no database can
    take (a control character, which PostgreSQL refuses in text, an integer wider
    than 64 bits, which SQLite cannot bind, or a date part past 9999), or None.
    The search term is left out: it loses its control characters instead
    (entities.admin_scale)."""
    for name, values in params.lists():
        if name == SEARCH_VAR:
            continue
        limit = DATE_PART_MAX if name.endswith(DATE_PARTS) else BIGINT_MAX
        for value in values:
            if SINGLE_LINE_CONTROL.search(value):
                return name
            if any(_too_large(piece, limit) for piece in value.split(",")):
                return name
    return None


class FilterGuardAdminMixin:
    """A changelist filter value that no database can take is refused as Django
    refuses any unusable filter (its "?e=1" page), never a 500; a search term (the
    changelist's, or the autocomplete's, which Django does not validate) loses its
    control characters."""

    def get_changelist_instance(self, request):
        if unusable_filter(request.GET):
            raise IncorrectLookupParameters
        return super().get_changelist_instance(request)

    def get_search_results(self, request, queryset, search_term):
        search_term = bounded_search_term(search_term)
        return super().get_search_results(request, queryset, search_term)


class NewsroomAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        """Every ModelAdmin of the site, Django's and other packages' too (the
        users' list, axes), gets FilterGuardAdminMixin."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, FilterGuardAdminMixin):
            admin_class = type(
                admin_class.__name__, (FilterGuardAdminMixin, admin_class), {}
            )
        super().register(model_or_iterable, admin_class, **options)

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
