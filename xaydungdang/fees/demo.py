"""Demo fees (via `seed(ctx)`): a year of collection in the demo secretary's cell and the cells beside it,
with bases of every category, an exemption, a reduction, members in arrears, payments in advance, and the
quarterly remittances up the tree; all written through `fees.services`."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Count

from xaydungdang.access.choices import Role
from xaydungdang.access.models import Assignment
from xaydungdang.core.dates import add_months
from xaydungdang.fees import selectors, services
from xaydungdang.fees.choices import Category, PaymentMethod, ReliefKind, ReliefReason
from xaydungdang.fees.rules import Tables, competent_level, first_of_month, months_in
from xaydungdang.members.choices import Occupation
from xaydungdang.members.models import Member
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS, OrganizationKind
from xaydungdang.organizations.models import Organization

MAX_CELLS = 6
MONTHS = 12
SALARIED = {Occupation.CIVIL_SERVANT, Occupation.COMMUNE_OFFICIAL, Occupation.PUBLIC_EMPLOYEE, Occupation.ARMED_FORCES}


def _commune_and_cells(ctx) -> tuple[Organization, list[Organization]]:
    """The demo secretary's cell first, then the busiest cells of the same commune (its upper-grassroots
    committee): the commune is the subtree whose remittances the demo reconciles."""
    grant = (
        Assignment.objects.filter(role=Role.SECRETARY, user__username="bithu").select_related("organization").first()
    )
    anchor = grant.organization if grant else None
    if anchor is None:
        anchor = Organization.objects.subtree_of(ctx.province).filter(kind__in=MEMBER_HOLDING_KINDS).first()
    ancestors = list(Organization.objects.get_ancestors(anchor))
    commune = next((o for o in reversed(ancestors) if o.kind == OrganizationKind.UPPER_GRASSROOTS), ancestors[-1])
    busiest = (
        Organization.objects.subtree_of(commune)
        .active()
        .filter(kind__in=MEMBER_HOLDING_KINDS)
        .exclude(pk=anchor.pk)
        .annotate(size=Count("members"))
        .order_by("-size", "path")
    )
    return commune, [anchor, *busiest[: MAX_CELLS - 1]]


def _basis(ctx, member: Member, start: dt.date) -> None:
    rng = ctx.rng
    age = ctx.today.year - member.birth_date.year
    if member.occupation == Occupation.STUDENT:
        kw = {"category": Category.STUDENT}
    elif member.occupation == Occupation.RETIRED or age >= 62:
        kw = {"category": Category.PENSION, "amount": rng.randrange(4_000_000, 9_000_000, 50_000)}
    elif member.occupation in SALARIED or (member.occupation == Occupation.ENTERPRISE and rng.random() < 0.8):
        kw = {"category": Category.SALARY, "amount": rng.randrange(5_500_000, 16_000_000, 10_000)}
    else:
        kw = {"category": Category.NOT_INSURED, "zone": rng.choice([1, 1, 2])}
    services.fee_basis_set(actor=ctx.actor, member=member, valid_from=start, **kw)


def _reliefs(ctx, members: list[Member], start: dt.date) -> None:
    if len(members) < 4:
        return
    reduced, exempted = members[-1], members[-2]
    level = competent_level(reduced.organization)
    number = f"{ctx.rng.randint(10, 90)}-QĐ/ĐU"
    services.relief_grant(
        actor=ctx.actor, member=reduced, kind=ReliefKind.REDUCTION, reason=ReliefReason.HARDSHIP, reduction_percent=50,
        valid_from=add_months(start, 2), valid_to=first_of_month(ctx.today), decision_number=number,
        decision_date=add_months(start, 1), decided_by=level,
    )  # fmt: skip
    services.relief_grant(
        actor=ctx.actor, member=exempted, kind=ReliefKind.EXEMPTION, reason=ReliefReason.POOR_HOUSEHOLD,
        valid_from=add_months(start, 4), valid_to=add_months(start, 15), decision_number=f"{number}-2",
        decision_date=add_months(start, 3), decided_by=level,
    )  # fmt: skip


def _collect(ctx, cell: Organization, months: list[dt.date], tables: Tables) -> int:
    rng, made = ctx.rng, 0
    behind = set()  # members who stopped paying: the last 3 or 4 months unpaid (arrears in due work)
    for month in months:
        sheet = selectors.collection_sheet(cell, month, tables)
        if not behind and len(sheet.rows) > 5:
            behind = {sheet.rows[1].member.pk}
        for row in sheet.rows:
            if row.payment or not row.fee.amount or row.fee.problem:
                continue
            if row.member.pk in behind and month >= add_months(months[-1], -3):
                continue
            ahead = 3 if month.month in (1, 4, 7, 10) and rng.random() < 0.15 else 1
            ahead = min(ahead, len(months) - months.index(month))
            method = rng.choices([PaymentMethod.CASH, PaymentMethod.BANK, PaymentMethod.PORTAL], [6, 2, 2])[0]
            paid_on = min(month + dt.timedelta(days=rng.randint(3, 20)), ctx.today)
            try:
                payments = services.payment_record(
                    actor=ctx.actor, member=row.member, first_month=month, months=ahead, amount=row.fee.amount,
                    paid_on=paid_on, method=method, receipt_number=f"{month:%m%y}-{row.member.pk}",
                )  # fmt: skip
            except ValidationError:
                continue  # a month already paid in advance
            made += len(payments)
    return made


def _remit(ctx, top: Organization, months: list[dt.date]) -> int:
    """Each past quarter, every level of the subtree remits what it owes (the newest quarter: some not yet)."""
    made = 0
    quarters = [m for m in months if m.month in (1, 4, 7, 10) and add_months(m, 3) <= first_of_month(ctx.today)]
    for index, start in enumerate(quarters):
        end = add_months(start, 2)
        for row in selectors.reconciliation(top, start, end):
            if row.remit_due <= 0 or (index == len(quarters) - 1 and row.organization.depth == top.depth):
                continue
            services.remittance_record(
                actor=ctx.actor, organization=row.organization, period_start=start, period_end=end,
                amount=row.remit_due, remitted_on=min(add_months(end, 1) + dt.timedelta(days=9), ctx.today),
                reference=f"UNC-{start:%Y%m}-{row.organization.code}",
            )  # fmt: skip
            made += 1
    return made


def seed(ctx) -> None:
    last = add_months(first_of_month(ctx.today), -1)
    months = months_in(add_months(last, 1 - MONTHS), last)
    commune, cells = _commune_and_cells(ctx)
    tables = Tables.load()
    payments = members_count = 0
    for cell in cells:
        members = list(Member.objects.of(cell, on=months[0], subtree=False).order_by("pk"))
        for member in members:
            _basis(ctx, member, months[0])
        _reliefs(ctx, members, months[0])
        payments += _collect(ctx, cell, months, tables)
        members_count += len(members)
    remittances = _remit(ctx, commune, months)
    ctx.write(
        f"  đảng phí: {len(cells)} chi bộ, {members_count} đảng viên, {payments} khoản thu, {remittances} lần nộp cấp trên"
    )
