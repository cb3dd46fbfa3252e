"""Việc cần làm: members' requests waiting for the cell's decision. A duework provider, registered in
SelfserviceConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xaydungdang.access.choices import Action
from xaydungdang.duework.registry import DueItem, DueItems, DueQuery, DueSection, register
from xaydungdang.selfservice.choices import RequestStatus
from xaydungdang.selfservice.models import SelfRequest


def requests_waiting(query: DueQuery) -> DueItems:
    """Requests submitted by members of the subtree that the user may decide (change in the cell)."""
    rows = (
        SelfRequest.objects.visible_to(query.user, Action.CHANGE)
        .filter(status=RequestStatus.SUBMITTED, member__organization__path__startswith=query.organization.path)
        .select_related("member__organization")
        .order_by("submitted_at", "id")
    )
    total = rows.count()
    items = [
        DueItem(
            request,
            f"{request.member.full_name}: {request.get_kind_display()}",
            None,
            start=request.submitted_at.date(),
            organization=request.member.organization,
            url=reverse("selfservice:request", args=[request.pk]),
        )
        for request in rows[: query.limit]
    ]
    return DueItems(items, total=total)


SECTION = DueSection(
    "selfservice_requests",
    _("Đề nghị của đảng viên chờ duyệt"),
    "selfservice/due/_requests.html",
    requests_waiting,
    order=15,
)


def register_sections() -> None:
    register(SECTION)
