"""A page of the member list at any depth, at national size: the total from a separate count, the page's
keys from a narrow query, then the full rows of those keys only.

`COUNT(*) OVER ()` (core.pagination.one_query_page) makes the database build every row of the result
before the first one is returned; here the count reads no joined table, the keys query walks an index
(the list's sort key) and stops after the page, and only the page's rows are joined to their
organizations. A search counts its matches only up to a bound (`cap`): "more than 1,000" needs no walk
over every member named Nguyễn, and its pages stop at the bound. A list on a past date walks the members in name order and keeps those with a period on
that day (an index probe each), so it is paged before any period is joined.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property

from xaydungdang.members.models import Member

# The orderings of the period rows (list on a date) that the walk over members in name order serves.
_BY_MEMBER_NAME = {
    ("member__sort_name", "member_id"): ("sort_name", "pk"),
    ("member__sort_name", "pk"): ("sort_name", "pk"),
    ("-member__sort_name", "pk"): ("-sort_name", "pk"),
}


SEARCH_CAP = 1000  # matches a search counts and pages through; past it the list says "more than"


class BoundedPaginator(Paginator):
    """Counts at most `cap` + 1 rows: `count` is the total up to `cap`, `more` tells there are more."""

    def __init__(self, object_list, per_page: int, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def bounded_count(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()  # unordered: it stops at any cap + 1 rows

    @cached_property
    def count(self) -> int:
        return min(self.bounded_count, self.cap)

    @property
    def more(self) -> bool:
        return self.bounded_count > self.cap


def page_number(number) -> int:
    try:
        return max(int(number or 1), 1)
    except (TypeError, ValueError, OverflowError):
        return 1


class KnownCountPaginator(Paginator):
    """A paginator told its total (members.totals: a figure kept elsewhere exactly), so it counts nothing."""

    def __init__(self, object_list, per_page: int, total: int) -> None:
        super().__init__(object_list, per_page)
        self.total = total

    @cached_property
    def count(self) -> int:
        return self.total


def list_page(queryset, per_page: int, number, cap: int | None = None, total: int | None = None) -> Page:
    """Page `number` (clamped to the last) of `queryset` (Member rows, or MembershipPeriod rows of a date);
    with `cap`, of its first `cap` rows (BoundedPaginator); with `total`, of that many rows (not counted)."""
    if total is not None:
        paginator = KnownCountPaginator(queryset, per_page, total)
    elif cap is None:
        paginator = Paginator(queryset, per_page)
    else:
        paginator = BoundedPaginator(queryset, per_page, cap)
    number = min(page_number(number), paginator.num_pages)  # num_pages: one COUNT(*) of the filtered rows
    offset = (number - 1) * per_page
    if not paginator.count:
        return Page([], number, paginator)
    walk = _BY_MEMBER_NAME.get(tuple(queryset.query.order_by)) if queryset.model is not Member else None
    if walk:
        periods = queryset.order_by().filter(member_id=OuterRef("pk"))
        members = Member.objects.filter(Exists(periods)).order_by(*walk)
        keys = list(members.values_list("pk", flat=True)[offset : offset + per_page])
        position = {key: index for index, key in enumerate(keys)}
        rows = sorted(queryset.filter(member_id__in=keys), key=lambda row: (position[row.member_id], row.pk))
    else:
        keys = list(queryset.values_list("pk", flat=True)[offset : offset + per_page])
        position = {key: index for index, key in enumerate(keys)}
        rows = sorted(queryset.filter(pk__in=keys), key=lambda row: position[row.pk])
    return Page(rows, number, paginator)
