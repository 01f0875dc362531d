"""Pages of a long public list read without counting it.

An entity named in tens of thousands of fact-checks would make every request count
them all for "page N of M"; these pages read one row more than they show, which is
enough to say whether another page follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from entities.ids import parse_id

MAX_PAGE = 10_000


@dataclass
class SlicePage:
    object_list: list
    number: int
    has_next: bool
    parameter: str = "page"

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def slice_page(queryset, requested, size: int, parameter: str = "page") -> SlicePage:
    """Page ``requested`` (text from the query string; anything odd is page 1).

    Past the first page, the rows skipped are read as ids only (an index can answer
    that alone), then the page's rows by id: two queries.
    """
    number = parse_id(requested) or 1
    number = min(number, MAX_PAGE)
    start = (number - 1) * size
    if start == 0:
        rows = list(queryset[: size + 1])
        return SlicePage(rows[:size], number, len(rows) > size, parameter)
    ids = list(queryset.values_list("pk", flat=True)[start : start + size + 1])
    found = queryset.model._base_manager.none()
    if ids:
        found = queryset.filter(pk__in=ids[:size])
    by_id = {row.pk: row for row in found}
    rows = [by_id[pk] for pk in ids[:size] if pk in by_id]
    return SlicePage(rows, number, len(ids) > size, parameter)
