"""What the fees make due (Việc cần làm): members with 3 unpaid months this year (a ground to propose xóa
tên, for the cell to weigh: membership state never follows fee status), and reliefs about to end.

A duework provider, registered in FeesConfig.ready().
"""

from django.utils.translation import gettext_lazy as _

from xaydungdang.core.dates import add_months
from xaydungdang.duework.registry import DueItem, DueItems, DueQuery, DueSection, register
from xaydungdang.fees import selectors
from xaydungdang.fees.models import FeeRelief
from xaydungdang.fees.rules import first_of_month, last_of_month
from xaydungdang.members.models import Member

RELIEF_NOTICE_MONTHS = 1  # the month a relief ends and the one before: time to renew it or not


def fee_arrears(query: DueQuery) -> DueItems:
    members = (
        Member.objects.visible_to(query.user)
        .of(query.organization, on=query.on)
        .select_related("organization")
        .order_by("organization__path", "sort_name", "pk")
    )
    found = selectors.arrears(members, query.on)
    items = [
        DueItem(
            a.member,
            str(a.member),
            None,
            start=a.months[0],
            organization=a.member.organization,
            extra={"months": ", ".join(f"{m:%m/%Y}" for m in a.months), "count": len(a.months)},
        )
        for a in found
    ]
    return DueItems(items[: query.limit], total=len(items))


def reliefs_ending(query: DueQuery) -> DueItems:
    start = first_of_month(query.on)
    end = add_months(start, RELIEF_NOTICE_MONTHS)
    reliefs = (
        FeeRelief.objects.visible_to(query.user)
        .filter(member__organization__path__startswith=query.organization.path, valid_to__gte=start, valid_to__lte=end)
        .select_related("member", "member__organization")
        .order_by("valid_to", "member__sort_name")
    )
    total = reliefs.count()
    items = [
        DueItem(
            r.member,
            str(r.member),
            last_of_month(r.valid_to),
            start=r.valid_from,
            organization=r.member.organization,
            extra={"relief": r.get_kind_display(), "decision": r.decision_number},
        )
        for r in reliefs[: query.limit]
    ]
    return DueItems(items, total=total)


ARREARS = DueSection(
    "fee_arrears",
    _("Đảng viên không đóng đảng phí 3 tháng trong năm (căn cứ xem xét đề nghị xóa tên)"),
    "fees/due/_arrears.html",
    fee_arrears,
    order=60,
)
RELIEFS = DueSection(
    "fee_reliefs_ending",
    _("Quyết định miễn, giảm đảng phí sắp hết hạn"),
    "fees/due/_reliefs.html",
    reliefs_ending,
    order=61,
)


def register_sections() -> None:
    register(ARREARS)
    register(RELIEFS)
