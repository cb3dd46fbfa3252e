"""A page of rows and the total in one query.

A list page normally costs two queries: the rows, and COUNT(*) for the pager. For a search both must find
every match (a trigram scan), so the count doubles the cost. `COUNT(*) OVER ()` returns the total with the
rows: one scan. Pages past the end fall back to the usual two queries (rare, and then cheap).
"""

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Count, Window
from django.http import HttpRequest

from xaydungdang.core.querystring import MAX_PAGE, query_page


def page_of(request: HttpRequest, rows, per_page: int) -> Page:
    """The page `?page=N` of `rows` (bounded: 400 past MAX_PAGE; past the end, the last page)."""
    return Paginator(rows, per_page).get_page(query_page(request))


def one_query_page(queryset, per_page: int, number) -> Page:
    try:
        number = min(max(int(number or 1), 1), MAX_PAGE)  # an OFFSET past a 64-bit integer is a 500
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(_total=Window(Count("*")))[offset : offset + per_page])
    paginator = Paginator(queryset, per_page)
    if not rows:
        try:
            return paginator.page(number)
        except InvalidPage:
            return paginator.page(paginator.num_pages)
    paginator.__dict__["count"] = rows[0]._total  # Paginator.count is a cached_property
    return Page(rows, number, paginator)
