"""Inlines that show one page of their rows, so a long article's page stays small.

An article with thousands of mentions would otherwise render (and post back) a form
for every one: a 21 MB page, and more fields than a request may carry. A paginated
inline's formset holds only the rows of the page named by ``<prefix>_page`` in the
query string (the change form posts back to the same address, so a save covers the
page that was shown), and a small pager below the rows links to the other pages and
to the model's list filtered to this article.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.http import urlencode

from entities.ids import parse_id

TABULAR = "admin/edit_inline/tabular_paginated.html"
STACKED = "admin/edit_inline/stacked_paginated.html"


class PaginatedFormSetMixin:
    """For inline formsets: the queryset is one page; ``page`` and links describe it."""

    per_page = 25
    request = None
    list_url = ""

    @classmethod
    def page_parameter(cls) -> str:
        return f"{cls.get_default_prefix()}_page"

    def get_queryset(self):
        if not hasattr(self, "page"):
            queryset = super().get_queryset()
            number = self.request.GET.get(self.page_parameter()) if self.request else 1
            self.page = Paginator(queryset, self.per_page).get_page(number)
            posted = self._posted_ids() if self.is_bound else None
            # A save edits the rows the editor was shown, even if rows added or
            # deleted since then have shifted the page.
            self._queryset = (
                self.page.object_list
                if posted is None
                else queryset.filter(pk__in=posted)
            )
        return self._queryset

    def _posted_ids(self) -> list[int] | None:
        """The ids of the existing rows in the posted form (at most a page of them)."""
        initial = parse_id(self.data.get(f"{self.prefix}-INITIAL_FORMS"))
        if initial is None:
            return None
        pk_name = self.model._meta.pk.name
        found = (
            parse_id(self.data.get(f"{self.prefix}-{index}-{pk_name}"))
            for index in range(min(initial, self.per_page))
        )
        return [pk for pk in found if pk is not None]

    def page_url(self, number: int) -> str:
        query = self.request.GET.copy()
        query[self.page_parameter()] = number
        return f"?{query.urlencode()}"

    def pager(self) -> dict:
        """The page shown, links to the others and to the filtered list."""
        self.get_queryset()
        page = self.page
        links = []
        if page.has_previous():
            links.append(("first", self.page_url(1)))
            links.append(("previous", self.page_url(page.previous_page_number())))
        if page.has_next():
            links.append(("next", self.page_url(page.next_page_number())))
            links.append(("last", self.page_url(page.paginator.num_pages)))
        return {"page": page, "links": links, "list_url": self.list_url}


class PaginatedInlineMixin:
    """InlineModelAdmin mixin: show ``per_page`` rows a page, with a pager.

    Put it before ``TabularInline``/``StackedInline`` in the bases and use
    ``TABULAR``/``STACKED`` as its template; the inline's ``ordering`` should be total
    (end with ``pk``) so pages do not overlap.
    """

    per_page = 25

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        list_url = ""
        if obj is not None and obj.pk:
            opts = self.model._meta
            changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            query = urlencode({f"{formset.fk.name}__id__exact": obj.pk})
            list_url = f"{changelist}?{query}"
        return type(
            f"Paginated{formset.__name__}",
            (PaginatedFormSetMixin, formset),
            {"per_page": self.per_page, "request": request, "list_url": list_url},
        )
