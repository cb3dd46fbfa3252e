"""Reads of the fees: what each member owes month by month, a cell's collection sheet, arrears, and the
reconciliation of what was due, collected, kept and remitted at every level of a subtree.

Every read takes the organizations the caller already scoped (views and API start from `visible_to(user)`);
the fee of a month is computed, never stored, so a rate corrected in the table corrects every report.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from xaydungdang.fees import rules
from xaydungdang.fees.choices import Category
from xaydungdang.fees.models import FeeBasis, FeePayment, FeeRelief, Remittance
from xaydungdang.fees.rules import MonthFee, Tables, first_of_month, last_of_month, months_in
from xaydungdang.members.choices import ACTIVE_STATUSES, AttachmentKind
from xaydungdang.members.lifecycle.rules import milestone_date
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.models import Organization


def _valid(row, day: dt.date) -> bool:
    return row.valid_from <= day and (row.valid_to is None or row.valid_to >= day)


@dataclass
class MemberFacts:
    """What a member's fees depend on, loaded in bulk."""

    member: Member
    bases: list = field(default_factory=list)
    reliefs: list = field(default_factory=list)
    fifty_years_on: dt.date | None = None

    def basis_on(self, day: dt.date):
        return next((b for b in reversed(self.bases) if _valid(b, day)), None)


def member_facts(members: list[Member], on: dt.date) -> dict[int, MemberFacts]:
    """Bases, reliefs and the day 50 years of party age are completed (the party-age rule of members),
    for many members in three queries."""
    ids = [m.pk for m in members]
    facts = {m.pk: MemberFacts(m) for m in members}
    for basis in FeeBasis.objects.filter(member_id__in=ids).order_by("valid_from", "id"):
        facts[basis.member_id].bases.append(basis)
    for relief in FeeRelief.objects.filter(member_id__in=ids).order_by("valid_from", "id"):
        facts[relief.member_id].reliefs.append(relief)
    events: dict[int, list] = defaultdict(list)
    for event in MembershipEvent.objects.filter(member_id__in=ids).order_by("effective_date", "id"):
        events[event.member_id].append(event)
    years = rules.parameters.value(rules.EXEMPT_PARTY_AGE_YEARS.key, on=on)
    for member_id, member_events in events.items():
        facts[member_id].fifty_years_on = milestone_date(member_events, years)
    return facts


def fee_of(facts: MemberFacts, month: dt.date, tables: Tables) -> MonthFee:
    basis = facts.basis_on(month)
    previous = facts.basis_on(month - dt.timedelta(days=1))
    member = facts.member
    bracket = rules.AgeBracket.ANY
    if basis is not None and basis.category == Category.NOT_INSURED:
        bracket = rules.age_bracket(member.birth_date, member.gender, month)
    return rules.month_fee(
        basis=basis,
        previous_basis=previous,
        bracket=bracket,
        month=month,
        tables=tables,
        fifty_years_on=facts.fifty_years_on,
        reliefs=facts.reliefs,
    )


def exemption_periods(member: Member) -> list[tuple[dt.date, dt.date | None]]:
    """The member's periods of exemption from party work and activities, [start, end) with `end` None
    while open, adjoining periods (a transfer during the exemption) joined. Read from the periods the
    members app replays from the EXEMPTED / EXEMPTION_ENDED events."""
    rows = (
        MembershipPeriod.objects.filter(
            member=member, is_exempted=True, attachment=AttachmentKind.OFFICIAL, status__in=ACTIVE_STATUSES
        )
        .order_by("valid_from")
        .values_list("valid_from", "valid_to")
    )
    joined: list[tuple[dt.date, dt.date | None]] = []
    for start, end in rows:
        if joined and joined[-1][1] == start:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def member_fee(member: Member, month: dt.date, tables: Tables | None = None) -> MonthFee:
    facts = member_facts([member], month)[member.pk]
    return fee_of(facts, first_of_month(month), tables or Tables.load())


# --- a cell's month ------------------------------------------------------------------------------
@dataclass
class SheetRow:
    member: Member
    fee: MonthFee
    payment: FeePayment | None

    @property
    def paid(self) -> bool:
        return self.payment is not None

    @property
    def owes(self) -> bool:
        return self.fee.amount > 0 and self.payment is None


@dataclass
class Sheet:
    organization: Organization
    month: dt.date
    rows: list[SheetRow]

    @property
    def due(self) -> int:
        return sum(r.fee.amount for r in self.rows)

    @property
    def collected(self) -> int:
        return sum(r.payment.amount for r in self.rows if r.payment)

    @property
    def unpaid(self) -> int:
        return sum(1 for r in self.rows if r.owes)


def members_in_month(organization: Organization, month: dt.date, *, subtree: bool = False):
    """Who owes the month at a cell: its members on the first day of the month [INFERRED: a member admitted
    or transferred in during the month starts paying there the month after]."""
    return MembershipPeriod.objects.of(organization, on=first_of_month(month), subtree=subtree)


def collection_sheet(organization: Organization, month: dt.date, tables: Tables | None = None) -> Sheet:
    """Sổ thu đảng phí of one month: each member, what they owe, and their payment if any."""
    month = first_of_month(month)
    member_ids = members_in_month(organization, month).values("member_id")
    members = list(Member.objects.filter(pk__in=member_ids).order_by("sort_name", "pk"))
    facts = member_facts(members, month)
    tables = tables or Tables.load()
    payments = {p.member_id: p for p in FeePayment.objects.filter(member__in=members, month=month)}
    rows = [SheetRow(m, fee_of(facts[m.pk], month, tables), payments.get(m.pk)) for m in members]
    return Sheet(organization, month, rows)


def member_history(member: Member, start: dt.date, end: dt.date) -> list[SheetRow]:
    """A member's months from `start` to `end`: owed and paid (the member's own view)."""
    tables = Tables.load()
    facts = member_facts([member], end)[member.pk]
    payments = {p.month: p for p in member.fee_payments.select_related("organization")}
    return [SheetRow(member, fee_of(facts, month, tables), payments.get(month)) for month in months_in(start, end)]


# --- arrears -------------------------------------------------------------------------------------
@dataclass
class Arrears:
    member: Member
    months: list[dt.date]


def arrears(members, on: dt.date) -> list[Arrears]:
    """Members of `members` with unpaid owed months of `on`'s year that make a ground to propose xóa tên."""
    members = list(members)
    months = months_in(dt.date(on.year, 1, 1), on)
    tables = Tables.load()
    facts = member_facts(members, on)
    paid: dict[int, set] = defaultdict(set)
    for member_id, month in FeePayment.objects.filter(member__in=members, month__year=on.year).values_list(
        "member_id", "month"
    ):
        paid[member_id].add(month)
    found = []
    for member in members:
        owed = [fee_of(facts[member.pk], month, tables) for month in months if _was_member(member, month)]
        unpaid = rules.unpaid_months(owed, paid[member.pk])
        if rules.is_arrears_ground(unpaid, on):
            found.append(Arrears(member, [m for m in unpaid if last_of_month(m) < on]))
    return found


def _was_member(member: Member, month: dt.date) -> bool:
    return member.admission_date is None or member.admission_date < month


# --- reconciliation up the tree --------------------------------------------------------------------
@dataclass
class LevelRow:
    """One organization of the subtree over a period: what its members owed and paid there, what it
    received from below, kept, should have remitted, and did remit."""

    organization: Organization
    due: int = 0
    collected: int = 0
    exempt: int = 0  # member-months exempted
    reduced: int = 0  # member-months reduced
    reduced_amount: int = 0  # what the reductions took off
    received: int = 0  # what its children should have remitted to it
    kept: int = 0
    remit_due: int = 0
    remitted: int = 0

    @property
    def difference(self) -> int:
        return self.remitted - self.remit_due


def reconciliation(organization: Organization, start: dt.date, end: dt.date) -> list[LevelRow]:
    """Every organization of the subtree, top first: each month, each level keeps its share (the dated split
    table) of what it collected plus what its children remitted, and remits the rest to its parent."""
    orgs = list(Organization.objects.filter(path__startswith=organization.path).order_by("path"))
    rows = {o.path: LevelRow(o) for o in orgs}
    by_id = {o.pk: o for o in orgs}
    tables = Tables.load()
    months = months_in(start, end)
    _add_dues(organization, months, tables, rows, by_id)
    payments = (
        FeePayment.objects.filter(organization__path__startswith=organization.path, month__in=months)
        .values("organization_id", "month")
        .annotate(total=Sum("amount"))
    )
    collected: dict[tuple, int] = {(p["organization_id"], p["month"]): p["total"] for p in payments}
    for month in months:
        inflow = {o.path: collected.get((o.pk, month), 0) for o in orgs}
        for org in sorted(orgs, key=lambda o: -o.depth):
            row = rows[org.path]
            row.collected += collected.get((org.pk, month), 0)
            # The Central Committee keeps what reaches it; a province on top of a deployment still owes its
            # share upward (remit_due of the top row).
            is_root = org.kind == OrganizationKind.CENTRAL
            keep = tables.keep_percent(org.kind, org.sector, month, is_root=is_root)
            kept = rules.percent_of(inflow[org.path], keep * 100)
            row.kept += kept
            row.remit_due += inflow[org.path] - kept
            parent_path = org.path[: -Organization.steplen]
            if parent_path in inflow:
                inflow[parent_path] += inflow[org.path] - kept
                rows[parent_path].received += inflow[org.path] - kept
    for remittance in Remittance.objects.filter(
        organization__path__startswith=organization.path, period_start__gte=months[0], period_end__lte=months[-1]
    ):
        rows[by_id[remittance.organization_id].path].remitted += remittance.amount
    return list(rows.values())


def _add_dues(organization, months, tables, rows, by_id) -> None:
    for month in months:
        periods = list(members_in_month(organization, month, subtree=True).values_list("member_id", "organization_id"))
        members = list(Member.objects.filter(pk__in=[m for m, _o in periods]))
        facts = member_facts(members, month)
        cell_of = dict(periods)
        for member in members:
            fee = fee_of(facts[member.pk], month, tables)
            row = rows[by_id[cell_of[member.pk]].path]
            row.due += fee.amount
            row.exempt += fee.exempt
            if fee.reduction_percent:
                row.reduced += 1
                row.reduced_amount += fee.full - fee.amount


def totals(rows: list[LevelRow]) -> LevelRow:
    """The subtree's sums (the first row is its top): money at the top is what the subtree remits upward."""
    top = rows[0]
    total = LevelRow(top.organization)
    for row in rows:
        for name in ("due", "collected", "exempt", "reduced", "reduced_amount", "kept", "remitted"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    total.remit_due = top.remit_due
    total.received = top.received
    return total


def monthly_series(organization: Organization, start: dt.date, end: dt.date) -> list[dict]:
    """Due and collected month by month over the subtree (the report's chart)."""
    return [
        {"month": month, "due": total.due, "collected": total.collected}
        for month in months_in(start, end)
        for total in [totals(reconciliation(organization, month, month))]
    ]
