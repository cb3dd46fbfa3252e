"""What cadre work makes due: plan places to remove (over age, disciplined) and reappointments at the end of
the 5-year tenure. A duework provider, registered in CommitteesConfig.ready()."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from xaydungdang.committees import rules
from xaydungdang.committees.choices import AppointmentKind, AppointmentStatus
from xaydungdang.committees.models import Appointment, PlanEntry
from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months
from xaydungdang.duework.registry import DueItem, DueQuery, DueSection, register
from xaydungdang.members.choices import EventKind
from xaydungdang.members.lifecycle.choices import DisciplineForm

OVER_AGE = _("Không còn đủ tuổi công tác trọn một nhiệm kỳ (còn %(left)s tháng)")
DISCIPLINED = _("Bị kỷ luật %(form)s ngày %(day)s")


def removal_reasons(entry: PlanEntry, on: dt.date) -> list[str]:
    """Why the entry should leave the plan on `on` (QĐ 377-QĐ/TW; QĐ 50 before it): over age, or disciplined
    at reprimand or above since it was added. Over age means less than one full term of working age left
    [INFERRED: the same measure as CT 45's first-time rule, a parameter]."""
    member = entry.member
    reasons = []
    left = rules.months_left(member.birth_date, member.gender, on)
    if left < parameters.value(rules.FIRST_TIME_MIN_MONTHS.key, on=on):
        reasons.append(str(OVER_AGE % {"left": left}))
    for event in member.events.all():
        if event.kind == EventKind.DISCIPLINED and entry.added_on <= event.effective_date <= on:
            form = (event.data or {}).get("form", "")
            label = DisciplineForm(form).label.lower() if form in DisciplineForm.values else form
            reasons.append(str(DISCIPLINED % {"form": label, "day": event.effective_date.strftime("%d/%m/%Y")}))
    return reasons


def plan_removals(query: DueQuery) -> list[DueItem]:
    """Planned people the yearly review should remove, proposed automatically."""
    entries = (
        PlanEntry.objects.visible_to(query.user)
        .filter(removed_on__isnull=True, plan__organization__path__startswith=query.organization.path)
        .filter(plan__start_year__lte=query.on.year, plan__end_year__gte=query.on.year)
        .select_related("member", "post_kind", "plan__organization")
        .prefetch_related("member__events")
    )
    items = []
    for entry in entries:
        reasons = removal_reasons(entry, query.on)
        if reasons:
            extra = {"post": entry.post_kind.name, "reasons": reasons, "entry": entry}
            items.append(
                DueItem(entry.member, str(entry.member), None, organization=entry.plan.organization, extra=extra)
            )
    return items[: query.limit]


def tenure_end(appointment: Appointment) -> dt.date:
    return add_months(appointment.effective_on, appointment.tenure_months)


def reappointments_due(query: DueQuery) -> list[DueItem]:
    """Decided appointments whose 5-year tenure ends within the notice (or has ended) with no newer decision
    for the same person and post."""
    notice = parameters.value(rules.REAPPOINTMENT_NOTICE_DAYS.key, on=query.on)
    decided = list(
        Appointment.objects.visible_to(query.user)
        .filter(status=AppointmentStatus.DECIDED, organization__path__startswith=query.organization.path)
        .select_related("member", "post_kind", "organization")
        .order_by("effective_on")
    )
    latest: dict[tuple, Appointment] = {}
    for appointment in decided:
        latest[(appointment.member_id, appointment.post_kind_id, appointment.organization_id)] = appointment
    items = []
    for appointment in latest.values():
        end = tenure_end(appointment)
        if end - dt.timedelta(days=notice) <= query.on and appointment.member.is_active_member:
            extra = {"post": appointment.post_kind.name, "kind": AppointmentKind.REAPPOINTMENT.label}
            items.append(
                DueItem(
                    appointment.member,
                    str(appointment.member),
                    end,
                    start=appointment.effective_on,
                    organization=appointment.organization,
                    extra=extra,
                )
            )
    return sorted(items, key=lambda item: item.due)[: query.limit]


def carry_overs_pending(query: DueQuery) -> list[DueItem]:
    """Reorganizations whose predecessors still have an open term that began before the effective date: the
    terms are to be carried over (committees.services.terms_carry_over, the button on the page)."""
    from xaydungdang.committees.models import Term

    items = []
    open_terms = Term.objects.filter(closed_on__isnull=True)
    for term in open_terms.filter(
        organization__successor_links__reorganization__organization__path__startswith=query.organization.path
    ).select_related("organization"):
        for edge in term.organization.successor_links.select_related("reorganization__organization"):
            reorganization = edge.reorganization
            if term.starts_on < reorganization.effective_date and edge.successor_id != term.organization_id:
                items.append((reorganization, term))
    if not items:
        return []
    seen: dict[int, DueItem] = {}
    reorganizations = type(items[0][0]).objects.visible_to(query.user)
    visible = set(reorganizations.filter(pk__in=[r.pk for r, _term in items]).values_list("pk", flat=True))
    for reorganization, term in items:
        if reorganization.pk in visible and reorganization.pk not in seen:
            seen[reorganization.pk] = DueItem(
                reorganization,
                str(reorganization),
                reorganization.effective_date,
                organization=reorganization.organization,
                extra={"terms": []},
            )
        if reorganization.pk in seen:
            seen[reorganization.pk].extra["terms"].append(term)
    return sorted(seen.values(), key=lambda item: item.due)[: query.limit]


CARRY_OVER_SECTION = DueSection(
    "term_carry_over",
    _("Sắp xếp tổ chức chưa kế thừa nhiệm kỳ cấp ủy"),
    "committees/due/_carry_over.html",
    carry_overs_pending,
    order=62,
)
PLAN_SECTION = DueSection(
    "cadre_plan_removal",
    _("Đề nghị đưa ra khỏi quy hoạch cán bộ"),
    "committees/due/_plan_removal.html",
    plan_removals,
    order=60,
)
REAPPOINTMENT_SECTION = DueSection(
    "reappointment",
    _("Đến hạn xem xét bổ nhiệm lại"),
    "committees/due/_reappointment.html",
    reappointments_due,
    order=61,
)


def register_sections() -> None:
    register(PLAN_SECTION)
    register(REAPPOINTMENT_SECTION)
    register(CARRY_OVER_SECTION)
