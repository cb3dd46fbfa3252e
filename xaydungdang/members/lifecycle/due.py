"""What the lifecycle makes due (Việc cần làm): probation ending, transfers waiting, badges (to award, to hand
back), cells too small or too large, missing data.

Each function is a duework provider, registered in MembersConfig.ready(); it reads only what the query's user
may see (a plain member: their own record and their own letters).
"""

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months
from xaydungdang.duework.registry import DueItem, DueItems, DueQuery, DueSection, register
from xaydungdang.members.choices import ACTIVE_STATUSES, EventKind, MemberStatus
from xaydungdang.members.lifecycle import rules
from xaydungdang.members.lifecycle.calendar import add_working_days, preloaded
from xaydungdang.members.lifecycle.choices import TransferState
from xaydungdang.members.lifecycle.models import Transfer
from xaydungdang.members.lifecycle.selectors import member_badges
from xaydungdang.members.models import Member, MembershipPeriod
from xaydungdang.members.rules import PROBATION_MONTHS
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS, OrganizationKind
from xaydungdang.organizations.models import Organization

LOOKAHEAD_DAYS = parameters.define(
    "due_work.lookahead_days",
    45,
    legal_basis="Quy ước nghiệp vụ (không phải quy định của Đảng)",
    description="Số ngày nhìn trước khi liệt kê đảng viên sắp hết thời gian dự bị",
)
CELL_MIN_OFFICIAL = parameters.define(
    "organization.cell_min_official_members",
    3,
    legal_basis="Điều lệ Đảng Điều 21: chi bộ có từ ba đảng viên chính thức trở lên",
    description="Số đảng viên chính thức tối thiểu của một chi bộ",
)
GRASSROOTS_CELL_MAX = parameters.define(
    "organization.grassroots_cell_max_members",
    30,
    legal_basis="Điều lệ Đảng Điều 21; HD 01-HD/TW: tổ chức cơ sở đảng có từ 30 đảng viên trở lên lập đảng bộ cơ sở",
    description="Chi bộ cơ sở có từ số đảng viên này trở lên thì xem xét lập đảng bộ cơ sở",
)
# Deadlines of items up to a few years old: one holiday query per section.
HOLIDAYS_BEFORE, HOLIDAYS_AFTER = dt.timedelta(days=3 * 366), dt.timedelta(days=366)


def _members(query: DueQuery):
    return Member.objects.visible_to(query.user).in_subtree(query.organization)


def probation_ending(query: DueQuery) -> list[DueItem]:
    """Probationary members whose 12 months end within the look-ahead or have ended: the cell must review
    within 30 working days, the committee decide within 30 more (QĐ 294 §4)."""
    on = query.on
    horizon = on + dt.timedelta(days=parameters.value(LOOKAHEAD_DAYS.key, on=on))
    months = parameters.value(PROBATION_MONTHS.key, on=on)
    queryset = (
        _members(query)
        .filter(status=MemberStatus.PROBATIONARY, admission_date__lte=add_months(horizon, -months))
        .select_related("organization")
        .order_by("admission_date", "id")[: query.limit]
    )
    review_days = parameters.value(rules.RECOGNITION_REVIEW_DAYS.key, on=on)
    decision_days = parameters.value(rules.RECOGNITION_DECISION_DAYS.key, on=on)
    items = []
    with preloaded(on - HOLIDAYS_BEFORE, on + HOLIDAYS_AFTER):
        for member in queryset:
            end = add_months(member.admission_date, months)
            review_by = add_working_days(end, review_days)
            decide_by = add_working_days(review_by, decision_days)
            items.append(
                DueItem(
                    member,
                    str(member),
                    review_by,
                    start=end,
                    organization=member.organization,
                    extra={"decide_by": decide_by},
                )
            )
    return items


def transfers_pending(query: DueQuery) -> list[DueItem]:
    """Letters issued and not yet accepted, sent from or to the subtree; overdue after the presentation date.

    The user sees the letters of members they may see and those addressed to organizations they hold office
    over (Transfer.objects.visible_to); "Tiếp nhận" is offered to whom the policy lets receive the letter."""
    prefix = query.organization.path
    queryset = (
        Transfer.objects.visible_to(query.user)
        .filter(state=TransferState.ISSUED)
        .filter(Q(from_organization__path__startswith=prefix) | Q(to_organization__path__startswith=prefix))
        .select_related("member", "from_organization", "to_organization")
        .order_by("present_by", "id")
    )
    policy = policy_for(query.user)
    items = []
    for transfer in queryset[: query.limit]:
        incoming = bool(transfer.to_organization_id and transfer.to_organization.path.startswith(prefix))
        items.append(
            DueItem(
                transfer,
                str(transfer.member),
                transfer.present_by,
                start=transfer.issued_on,
                organization=transfer.from_organization,
                extra={"incoming": incoming, "can_accept": incoming and policy.can_receive(transfer)},
            )
        )
    return items


def badges_due(query: DueQuery) -> list[DueItem]:
    """Members who reach a badge milestone for the next award day (3/2, 19/5, 2/9, 7/11): since the previous
    award day, up to that day, and who do not hold the badge yet (by the one selector of held badges: the award
    events and the Badge rows)."""
    award_day = rules.next_award_date(query.on)
    previous = rules.previous_award_date(award_day)
    milestones = parameters.value(rules.BADGE_MILESTONES.key, on=award_day)
    # Without gaps the milestone falls exactly N years after the decision; with gaps (readmission) later.
    window = Q()
    for years in milestones:
        window |= Q(admission_decision_date__gt=add_months(previous, -12 * years)) & Q(
            admission_decision_date__lte=add_months(award_day, -12 * years)
        )
    readmitted = Q(events__kind=EventKind.READMITTED)
    queryset = (
        _members(query)
        .filter(status__in=ACTIVE_STATUSES)
        .filter(window | readmitted)
        .distinct()
        .select_related("organization")
        .prefetch_related("events", "badges")
        .order_by("admission_decision_date", "id")
    )
    items = []
    for member in queryset[: query.limit * 2]:
        events = sorted(member.events.all(), key=lambda e: (e.effective_date, e.id))
        already = {badge.years for badge in member_badges(member, events)}
        due = rules.due_milestone(events, award_day=award_day, already=already, milestones=milestones)
        if due and due[1] > previous:
            items.append(
                DueItem(
                    member,
                    str(member),
                    award_day,
                    start=due[1],
                    organization=member.organization,
                    extra={"years": due[0]},
                )
            )
    return items[: query.limit]


def badges_heading(query: DueQuery) -> str:
    day = rules.next_award_date(query.on)
    return _("Xét tặng Huy hiệu Đảng đợt %(day)s") % {"day": f"{day:%d/%m/%Y}"}


def badges_to_return(query: DueQuery) -> DueItems:
    """People who left the Party (other than by death) and still hold a badge: it must be handed back
    (HD 01-HD/TW §18). Held badges by the one selector (award events and Badge rows, less those handed back)."""
    queryset = (
        _members(query)
        .filter(status__in=rules.LEFT_STATUSES | {MemberStatus.ANNULLED})
        .filter(Q(badges__returned_on__isnull=True) | Q(events__kind=EventKind.BADGE_AWARDED))
        .distinct()
        .select_related("organization")
        .prefetch_related("events", "badges")
        .order_by("organization__path", "sort_name", "id")
    )
    items = []
    for member in queryset[: query.limit]:
        events = sorted(member.events.all(), key=lambda e: (e.effective_date, e.id))
        held = [badge.years for badge in member_badges(member, events) if badge.returned_on is None]
        if not held:
            continue
        left = [e.effective_date for e in events if e.kind in rules.LEAVING_KINDS]
        items.append(
            DueItem(
                member,
                str(member),
                None,
                start=max(left) if left else None,
                organization=member.organization,
                extra={"badges": ", ".join(str(years) for years in held), "status": member.get_status_display()},
            )
        )
    return DueItems(items, total=len(items) if len(items) < query.limit else queryset.count())


def organization_size(query: DueQuery) -> list[DueItem]:
    """Cells with fewer than 3 official members (Điều lệ Điều 21) and chi bộ cơ sở with 30 members or more
    (to become a đảng bộ cơ sở), from the members on the query's day. Organization business: only for
    users who may change the cell."""
    on = query.on
    minimum = parameters.value(CELL_MIN_OFFICIAL.key, on=on)
    maximum = parameters.value(GRASSROOTS_CELL_MAX.key, on=on)
    cells = (
        Organization.objects.visible_to(query.user, Action.CHANGE)
        .active()
        .filter(path__startswith=query.organization.path, kind__in=MEMBER_HOLDING_KINDS)
    )
    counts = (
        MembershipPeriod.objects.of(query.organization, on=on)
        .values("organization_id")
        .annotate(
            members=Count("member_id", distinct=True),
            official=Count("member_id", filter=Q(status=MemberStatus.OFFICIAL), distinct=True),
        )
        .order_by()
    )
    by_cell = {row["organization_id"]: row for row in counts}
    items = []
    for cell in cells.order_by("path"):
        row = by_cell.get(cell.pk, {"members": 0, "official": 0})
        if row["official"] < minimum:
            problem = _("Chỉ có %(n)s đảng viên chính thức; chi bộ cần ít nhất %(min)s (Điều lệ Đảng Điều 21).") % {
                "n": row["official"],
                "min": minimum,
            }
        elif cell.kind == OrganizationKind.GRASSROOTS_CELL and row["members"] >= maximum:
            problem = _(
                "Có %(n)s đảng viên; chi bộ cơ sở từ %(max)s đảng viên trở lên thì xem xét lập đảng bộ cơ sở."
            ) % {"n": row["members"], "max": maximum}
        else:
            continue
        items.append(DueItem(cell, cell.name, None, organization=cell, extra={"problem": problem, **row}))
        if len(items) >= query.limit:
            break
    return items


MANDATORY = {
    "national_id": Q(national_id__isnull=True) | Q(national_id=""),
    "record_number": Q(record_number__isnull=True) | Q(record_number=""),
    "education_level": Q(education_level=""),
    "occupation": Q(occupation=""),
    "admission_decision_date": Q(admission_decision_date__isnull=True),
    "party_card_number": Q(status=MemberStatus.OFFICIAL, party_card_number=""),
}


def _missing_queryset(query: DueQuery):
    condition = Q()
    for q in MANDATORY.values():
        condition |= q
    return _members(query).filter(status__in=ACTIVE_STATUSES).filter(condition)


def missing_data(query: DueQuery) -> DueItems:
    """Active members whose record lacks a mandatory field (the "đúng – đủ – sạch – sống" goal)."""
    queryset = (
        _missing_queryset(query)
        .select_related("organization")
        .order_by("organization__path", "full_name", "id")[: query.limit]
    )
    items = []
    for member in queryset:
        missing = [
            str(Member._meta.get_field(name).verbose_name)
            for name in MANDATORY
            if not getattr(member, name) and (name != "party_card_number" or member.status == MemberStatus.OFFICIAL)
        ]
        items.append(DueItem(member, str(member), None, organization=member.organization, extra={"missing": missing}))
    total = len(items) if len(items) < query.limit else _missing_queryset(query).count()
    return DueItems(items, total=total)


SECTIONS = (
    DueSection(
        "probation",
        _("Đảng viên dự bị sắp hết, đã hết thời gian dự bị"),
        "members/due/_probation.html",
        probation_ending,
        order=10,
    ),
    DueSection(
        "transfers",
        _("Chuyển sinh hoạt đảng chờ tiếp nhận"),
        "members/due/_transfers.html",
        transfers_pending,
        order=30,
    ),
    DueSection("badges", badges_heading, "members/due/_badges.html", badges_due, order=40),
    DueSection(
        "badges_return",
        _("Thu hồi Huy hiệu Đảng của người đã ra khỏi Đảng"),
        "members/due/_badges_return.html",
        badges_to_return,
        order=45,
    ),
    DueSection(
        "organization_size",
        _("Chi bộ chưa đủ đảng viên chính thức hoặc chi bộ cơ sở đông đảng viên"),
        "members/due/_organization_size.html",
        organization_size,
        order=50,
    ),
    DueSection("missing", _("Hồ sơ thiếu thông tin bắt buộc"), "members/due/_missing.html", missing_data, order=90),
)


def register_sections() -> None:
    for section in SECTIONS:
        register(section)
