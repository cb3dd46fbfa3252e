"""Demo committees through the committees services (via `seed(ctx)`): every organization's current committee
and the previous term, a few plans and appointments, and edge cases: a vacancy, concurrent posts (a cell's
secretary on the committee above), a disciplined planned cadre, a reappointment coming due."""

import datetime as dt

from django.core.exceptions import ValidationError

from xaydungdang.committees import planning, services
from xaydungdang.committees.choices import AppointmentKind
from xaydungdang.committees.models import PostKind
from xaydungdang.core.dates import add_months
from xaydungdang.members.choices import MemberStatus
from xaydungdang.members.lifecycle.services import member_discipline
from xaydungdang.members.models import Member
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS
from xaydungdang.organizations.models import Organization

PREVIOUS, CURRENT = dt.date(2020, 9, 1), dt.date(2025, 8, 1)


def _people(organization) -> list[Member]:
    rows = Member.objects.filter(organization__path__startswith=organization.path, status=MemberStatus.OFFICIAL)
    return list(rows.order_by("organization__path", "id")[:12])


def _posts(organization) -> list[str]:
    if organization.kind in MEMBER_HOLDING_KINDS:
        return ["bi-thu", "pho-bi-thu", "chi-uy-vien"]
    return ["bi-thu", "pho-bi-thu", "uy-vien-ban-thuong-vu", "cap-uy-vien", "cap-uy-vien", "chu-nhiem-ubkt"]


def _term(ctx, organization, people, starts_on, *, vacancy: bool):
    kinds = {k.code: k for k in PostKind.objects.all()}
    allowed = [c for c in _posts(organization) if organization.kind in kinds[c].organization_kinds]
    codes = allowed[: max(len(people), 1)]
    seats: dict[str, int] = {}
    for code in codes:
        seats[code] = seats.get(code, 0) + 1
    if vacancy:
        seats[codes[-1]] += 1  # one seat the congress elected nobody to: a vacancy
    term = services.term_create(
        actor=ctx.actor,
        organization=organization,
        starts_on=starts_on,
        congress_date=starts_on,
        congress_kind="delegates" if organization.numchild else "all_members",
        seats=seats,
    )
    for person, code in zip(people, codes, strict=False):
        services.holding_create(actor=ctx.actor, term=term, member=person, post_kind=kinds[code], started_on=starts_on)
    return term


def _committees(ctx) -> int:
    organizations = list(Organization.objects.subtree_of(ctx.province).active().order_by("path"))
    made = 0
    for index, organization in enumerate(organizations):
        people = _people(organization)
        if not people:
            continue
        ctx.rng.shuffle(people)
        try:
            # The previous term keeps two of the current committee (re-elected) and one who left.
            _term(ctx, organization, people[1:] or people, PREVIOUS, vacancy=False)
            _term(ctx, organization, people, CURRENT, vacancy=index % 7 == 3)
            made += 1
        except ValidationError as error:
            ctx.write(f"  bỏ qua cấp ủy {organization.name}: {'; '.join(error.messages)}")
    return made


def _plans(ctx) -> None:
    kinds = {k.code: k for k in PostKind.objects.all()}
    upper = Organization.objects.subtree_of(ctx.province).active().exclude(kind__in=MEMBER_HOLDING_KINDS)
    used: set[int] = set()
    for organization in upper.order_by("path")[:3]:
        people = [p for p in _people(organization) if p.pk not in used]
        used.update(p.pk for p in people[:4])
        if len(people) < 4:
            continue
        plan = planning.plan_create(actor=ctx.actor, organization=organization, start_year=2025, end_year=2030)
        try:
            for person, code in zip(people[:4], ["bi-thu", "pho-bi-thu", "pho-bi-thu", "chu-nhiem-ubkt"], strict=True):
                planning.plan_entry_add(
                    actor=ctx.actor, plan=plan, member=person, post_kind=kinds[code], added_on=dt.date(2025, 3, 1)
                )
            # A planned cadre disciplined since: the due work proposes the removal.
            member_discipline(
                actor=ctx.actor,
                member=people[3],
                form="reprimand",
                effective_date=ctx.today - dt.timedelta(days=60),
                reason="Vi phạm quy chế làm việc (dữ liệu mẫu)",
            )
            # An appointment decided almost five years ago: the reappointment comes due.
            proposal = planning.appointment_propose(
                actor=ctx.actor,
                organization=organization,
                member=people[1],
                post_kind=kinds["pho-bi-thu"],
                kind=AppointmentKind.REAPPOINTMENT,
                proposed_on=add_months(ctx.today, -59),
            )
            planning.appointment_decide(
                actor=ctx.actor,
                appointment=proposal,
                effective_on=add_months(ctx.today, -59) + dt.timedelta(days=10),
                decision_number=f"{ctx.rng.randint(10, 300)}-QĐ/TU",
                signed_by="Nguyễn Văn An",
            )
            planning.appointment_propose(
                actor=ctx.actor,
                organization=organization,
                member=people[0],
                post_kind=kinds["bi-thu"],
                kind=AppointmentKind.APPOINTMENT,
                proposed_on=ctx.today - dt.timedelta(days=5),
            )
        except ValidationError as error:
            ctx.write(f"  bỏ qua quy hoạch {organization.name}: {'; '.join(error.messages)}")


def seed(ctx) -> None:
    made = _committees(ctx)
    _plans(ctx)
    ctx.write(f"  cấp ủy (hai nhiệm kỳ): {made}")
