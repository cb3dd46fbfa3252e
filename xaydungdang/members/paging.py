"""A page of the member list at any depth, at national size: the total from a separate count, the page's
keys from a narrow query, then the full rows of those keys only.

`COUNT(*) OVER ()` (core.pagination.one_query_page) makes the database build every row of the result
before the first one is returned; here the count reads no joined table, the keys query walks an index
(the list's sort key) and stops after the page, and only the page's rows are joined to their
organizations. A list on a past date walks the members in name order and keeps those with a period on
that day (an index probe each), so it is paged before any period is joined.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef

from xaydungdang.members.models import Member

# The orderings of the period rows (list on a date) that the walk over members in name order serves.
_BY_MEMBER_NAME = {
    ("member__sort_name", "member_id"): ("sort_name", "pk"),
    ("member__sort_name", "pk"): ("sort_name", "pk"),
    ("-member__sort_name", "pk"): ("-sort_name", "pk"),
}


def page_number(number) -> int:
    try:
        return max(int(number or 1), 1)
    except (TypeError, ValueError, OverflowError):
        return 1


def list_page(queryset, per_page: int, number) -> Page:
    """Page `number` (clamped to the last) of `queryset` (Member rows, or MembershipPeriod rows of a date)."""
    paginator = Paginator(queryset, per_page)
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
