"""Paging for the staff lists: Django's Paginator, with page links that keep the list's filters.

A list is paged on a queryset with a unique ordering (end it with the primary key), or on a
list already sorted in Python whose ties break the same way on every request, so no row moves
between pages or is skipped. A page number that is not a number shows the first page; one past
the end shows the last, so an old bookmark or a hand-edited address never fails.
Render it with `{% include "paging.html" with paging=paging count_text=... %}`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50
PAGE_PARAMETER = "page"


@dataclass(frozen=True)
class Paging:
    """One page of a list and the links to its neighbours ("" when there is none)."""

    page: Page
    previous_url: str
    next_url: str

    @property
    def count(self) -> int:
        return int(self.page.paginator.count)


def page_link(request: HttpRequest, number: int) -> str:
    """The address of page `number` of this list, relative to the current one, keeping every
    other query parameter (a search, a stage, repeated values). Page 1 carries no number."""
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    if number > 1:
        query[PAGE_PARAMETER] = str(number)
    return f"?{query.urlencode()}"


def paginate(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], per_page: int = PAGE_SIZE
) -> Paging:
    """The page `?page=` asks for: on a queryset, two queries (a count and the page's rows) at
    any size; on a list, none (it is only sliced)."""
    page = Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAMETER))
    return Paging(
        page=page,
        previous_url=page_link(request, page.previous_page_number()) if page.has_previous() else "",
        next_url=page_link(request, page.next_page_number()) if page.has_next() else "",
    )
