"""What the residence liaison makes due (Việc cần làm), registered in ResidenceConfig.ready():

- the workplace side: introduced members (not exempted under HD 33) without the residence cell's comment of
  the year, from 1 October, before the review season;
- the residence side: the introductions received that still wait for this year's comment (only the
  introduction page, never the member's record, is linked: the narrow grant).
"""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xaydungdang.duework.registry import DueItem, DueItems, DueQuery, DueSection, register
from xaydungdang.residence import selectors
from xaydungdang.residence.models import Comment, Introduction

ASK_FROM = (10, 1)  # comments of the year are asked for from 1 October…
DUE_ON = (11, 30)  # …and due before the year-end review (the cells rate their members in December)


def _without_comment(queryset, year: int):
    has = Comment.objects.filter(introduction=OuterRef("pk"), year=year)
    return queryset.filter(ended_on__isnull=True, exemption="", letter_date__year__lte=year).exclude(Exists(has))


def _items(query: DueQuery, rows, *, due: dt.date) -> DueItems:
    total = rows.count()
    items = [
        DueItem(
            i.member,
            i.member.full_name,
            due,
            start=i.letter_date,
            organization=i.workplace,
            url=reverse("residence:introduction", args=[i.pk]),
            extra={"residence": i.residence_organization.name, "workplace": i.workplace.name},
        )
        for i in rows[: query.limit]
    ]
    return DueItems(items, total=total)


def comments_missing(query: DueQuery) -> DueItems:
    year = query.on.year
    if query.on < dt.date(year, *ASK_FROM):
        return DueItems()
    rows = _without_comment(
        Introduction.objects.visible_to(query.user).filter(
            member__organization__path__startswith=query.organization.path
        ),
        year,
    ).select_related("member", "workplace", "residence_organization")
    return _items(query, rows.order_by("workplace__path", "member__sort_name", "pk"), due=dt.date(year, *DUE_ON))


def requests_received(query: DueQuery) -> DueItems:
    year = query.on.year
    rows = _without_comment(
        selectors.received_by(query.user).filter(residence_organization__path__startswith=query.organization.path),
        year,
    )
    return _items(query, rows, due=dt.date(year, *DUE_ON))


MISSING = DueSection(
    "residence_comments_missing",
    _("Đảng viên chưa có nhận xét của chi ủy nơi cư trú trong năm"),
    "residence/due/_introductions.html",
    comments_missing,
    order=72,
)
RECEIVED = DueSection(
    "residence_requests",
    _("Đảng viên công tác nơi khác được giới thiệu về chi bộ, chờ nhận xét năm nay"),
    "residence/due/_introductions.html",
    requests_received,
    order=73,
)


def register_sections() -> None:
    register(MISSING)
    register(RECEIVED)
