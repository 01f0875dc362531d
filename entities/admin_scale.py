"""Admin changelists that stay fast on tables of millions of rows.

- No second, unfiltered count (``show_full_result_count = False``), and on
  PostgreSQL a large list's count is the planner's estimate (``pg_class``, or the
  query's plan), not a scan of every matching row; small results are exact.
- Search over a foreign key's field (``article__headline``) is a subquery on the
  related table (``article_id IN (SELECT id … ILIKE …)``, through its trigram index,
  migration articles 0024), not a join: an OR across a join cannot use any index.
"""

from __future__ import annotations

import json

from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property
from django.utils.text import smart_split, unescape_string_literal

from entities.validators import SINGLE_LINE_CONTROL

# Below this many rows an exact count is cheap enough.
ESTIMATE_FROM = 20_000


def table_estimate(table: str) -> int:
    """The planner's row count of ``table`` (PostgreSQL; refreshed by ANALYZE)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [table]
        )
        row = cursor.fetchone()
    return max(int(row[0]), 0) if row else 0


def plan_estimate(queryset: QuerySet) -> int:
    """The planner's estimate of the rows ``queryset`` returns (PostgreSQL)."""
    plan = queryset.order_by().explain(format="json")
    if not plan:  # Django knew no row can match (a filter value out of range)
        return 0
    return int(json.loads(plan)[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """Counts exactly, unless PostgreSQL expects a large result.

    An unfiltered list's count is the table's row estimate; a filtered or searched
    one's is the planner's estimate of the query when that is ESTIMATE_FROM rows or
    more (a common word matches most of the archive, and counting it exactly reads
    every match). Smaller results are counted exactly.
    """

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if connection.vendor == "postgresql" and isinstance(rows, QuerySet):
            if not rows.query.where:
                estimate = table_estimate(rows.model._meta.db_table)
            else:
                estimate = plan_estimate(rows)
            if estimate >= ESTIMATE_FROM:
                return estimate
        return super().count


# Each word of an admin search is one more condition, and over a multi-valued field
# (an entity's aliases) one more join: forty words made PostgreSQL spend minutes
# planning one changelist query. Words past this many are dropped.
MAX_SEARCH_TERMS = 8


def bounded_search_term(search_term: str | None) -> str:
    """The admin search as Django will split it, without control characters (which
    PostgreSQL refuses: a NUL) and cut to its first MAX_SEARCH_TERMS words."""
    cleaned = SINGLE_LINE_CONTROL.sub(" ", search_term or "")
    return " ".join(list(smart_split(cleaned))[:MAX_SEARCH_TERMS])


def search_terms(search_term: str) -> list[str]:
    """The terms Django's admin search would use (quoted phrases kept together)."""
    terms = []
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        if bit:
            terms.append(bit)
    return terms


class LargeTableAdminMixin:
    """For ModelAdmins of tables that grow with the archive."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def get_search_results(self, request, queryset, search_term):
        search_term = bounded_search_term(search_term)
        fields = self.get_search_fields(request)
        plain = all(field[0] not in "^=@" for field in fields)
        if connection.vendor != "postgresql" or not search_term or not plain:
            return super().get_search_results(request, queryset, search_term)
        opts = queryset.model._meta
        duplicates = False
        for term in search_terms(search_term):
            condition = Q()
            for field in fields:
                found = self.search_condition(field, term)
                if found is None:
                    found = _related_condition(opts, field, term)
                if found is None:
                    found = Q(**{f"{field}__icontains": term})
                    duplicates = duplicates or lookup_spawns_duplicates(opts, field)
                condition |= found
            queryset = queryset.filter(condition)
        return queryset, duplicates

    def search_condition(self, field: str, term: str) -> Q | None:
        """How ``field`` matches ``term`` on PostgreSQL, if not by Django's default
        (a subclass may search a stored vector, say); None for the default."""
        return None


def _related_condition(opts, field: str, term: str) -> Q | None:
    """``fk IN (SELECT pk … WHERE name ILIKE …)`` for a search over a foreign key's
    own field, or None.

    The related rows are found through their own trigram index inside the one
    query: no list of ids is fetched and sent back (5,000 article ids for a common
    headline word cost a quarter of a second of Python). Inside the OR, PostgreSQL
    checks it row by row against a hash of the subquery's ids and estimates it
    generously, so a large result gets an estimated count. (``= ANY(ARRAY(…))``
    would join a bitmap OR, but the planner guesses a few dozen rows for it: a
    mention search then counted 300,000 rows exactly, 6 s.)
    """
    relation, _sep, name = field.partition("__")
    if not name or "__" in name:
        return None
    model_field = opts.get_field(relation)
    if not (model_field.many_to_one and model_field.concrete):
        return None
    related = model_field.related_model._default_manager.filter(
        **{f"{name}__icontains": term}
    )
    return Q(**{f"{model_field.attname}__in": related.order_by().values("pk")})
