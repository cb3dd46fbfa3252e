"""Writes of cadre planning and appointment (QĐ 377-QĐ/TW 08/10/2025): plans, people added and removed at
the yearly review, appointment proposals and decisions. Every refusal names the rule and its source."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.committees import rules
from xaydungdang.committees.choices import AppointmentKind, AppointmentStatus
from xaydungdang.committees.models import Appointment, CadrePlan, Holding, PlanEntry, PostKind
from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months
from xaydungdang.core.history import save_with_history
from xaydungdang.members.choices import ACTIVE_STATUSES, EventKind

ALREADY_PLANNED = gettext_lazy("%(name)s đã có trong quy hoạch chức danh «%(post)s».")
REASON_REQUIRED = gettext_lazy("Phải ghi lý do đưa ra khỏi quy hoạch.")
ALREADY_REMOVED = gettext_lazy("Người này đã được đưa ra khỏi quy hoạch.")
NOT_ACTIVE = gettext_lazy("%(name)s không phải đảng viên đang sinh hoạt.")
PROPOSAL_OPEN = gettext_lazy("Đã có đề xuất bổ nhiệm %(name)s chưa quyết định.")
NOT_PROPOSED = gettext_lazy("Đề xuất này không còn chờ quyết định (%(status)s).")
DECISION_REQUIRED = gettext_lazy("Phải ghi số quyết định bổ nhiệm.")
DATE_BEFORE_PROPOSAL = gettext_lazy("Ngày hiệu lực không được trước ngày đề xuất.")


def _require(actor, organization) -> None:
    policy_for(actor).require_in_organization(Action.CHANGE, organization)


def disciplines_of(member) -> list[tuple[str, dt.date]]:
    """(form, effective date) of the member's disciplines short of expulsion (the lifecycle's events)."""
    events = member.events.filter(kind=EventKind.DISCIPLINED).values_list("data", "effective_date")
    return [(data.get("form", ""), day) for data, day in events]


@transaction.atomic
def plan_create(*, actor, organization, start_year: int, end_year: int, decision_number: str = "") -> CadrePlan:
    _require(actor, organization)
    plan = CadrePlan(
        organization=organization, start_year=start_year, end_year=end_year, decision_number=decision_number
    )
    plan.full_clean()
    save_with_history(plan, actor=actor, reason=_("Lập quy hoạch cán bộ"))
    return plan


def _open_entries(**lookup):
    return PlanEntry.objects.filter(removed_on__isnull=True, **lookup)


@transaction.atomic
def plan_entry_add(
    *, actor, plan: CadrePlan, member, post_kind: PostKind, added_on: dt.date, reason: str = ""
) -> PlanEntry:
    """Add a person to the plan for a post: at most 3 per post, at most 3 posts per person at the same level,
    not while an appointment proposal for the person is open (QĐ 377-QĐ/TW)."""
    plan = CadrePlan.objects.select_for_update().select_related("organization").get(pk=plan.pk)
    _require(actor, plan.organization)
    name = member.full_name
    if member.status not in ACTIVE_STATUSES:
        raise ValidationError({"member": [NOT_ACTIVE % {"name": name}]})
    if _open_entries(plan=plan, member=member, post_kind=post_kind).exists():
        raise ValidationError({"member": [ALREADY_PLANNED % {"name": name, "post": post_kind.name}]})
    per_post = parameters.value(rules.MAX_PEOPLE_PER_POST.key, on=added_on)
    count = _open_entries(plan=plan, post_kind=post_kind).count()
    if count >= per_post:
        raise ValidationError(
            {
                "post_kind": [
                    rules.POST_FULL % {"post": post_kind.name, "count": count, "max": per_post, "basis": rules.QD377}
                ]
            }
        )
    per_person = parameters.value(rules.MAX_POSTS_PER_PERSON.key, on=added_on)
    # The same level: the plans of organizations of the same kind that run in the same period.
    posts = (
        _open_entries(
            member=member,
            plan__organization__kind=plan.organization.kind,
            plan__start_year__lte=plan.end_year,
            plan__end_year__gte=plan.start_year,
        )
        .values("post_kind")
        .distinct()
        .count()
    )
    if posts >= per_person:
        raise ValidationError(
            {"member": [rules.PERSON_FULL % {"name": name, "count": posts, "max": per_person, "basis": rules.QD377}]}
        )
    if Appointment.objects.filter(member=member, status=AppointmentStatus.PROPOSED).exists():
        raise ValidationError({"member": [rules.OPEN_PROPOSAL % {"name": name, "basis": rules.QD377}]})
    entry = PlanEntry(plan=plan, member=member, post_kind=post_kind, added_on=added_on, added_reason=reason)
    entry.full_clean()
    save_with_history(entry, actor=actor, reason=reason or _("Bổ sung quy hoạch"))
    return entry


@transaction.atomic
def plan_entry_remove(*, actor, entry: PlanEntry, removed_on: dt.date, reason: str) -> PlanEntry:
    """Take a person out of the plan at a review, with the reason (over age, discipline, no longer fit…)."""
    entry = PlanEntry.objects.select_for_update().select_related("plan__organization").get(pk=entry.pk)
    _require(actor, entry.plan.organization)
    if entry.removed_on:
        raise ValidationError({"entry": [ALREADY_REMOVED]})
    if not (reason or "").strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    if removed_on < entry.added_on:
        raise ValidationError({"removed_on": [_("Ngày đưa ra không được trước ngày đưa vào quy hoạch.")]})
    entry.removed_on, entry.removed_reason = removed_on, reason.strip()
    save_with_history(entry, actor=actor, reason=reason)
    return entry


def member_leaves_plans(*, actor, member, on: dt.date, reason: str) -> None:
    """The member left the Party: their plan places end and their open proposals are withdrawn (called by
    services.member_posts_end inside the lifecycle's transaction)."""
    for entry in _open_entries(member=member).select_for_update():
        entry.removed_on, entry.removed_reason = max(on, entry.added_on), reason
        save_with_history(entry, actor=actor, reason=reason)
    for appointment in Appointment.objects.select_for_update().filter(member=member, status=AppointmentStatus.PROPOSED):
        appointment.status = AppointmentStatus.WITHDRAWN
        save_with_history(appointment, actor=actor, reason=reason)


def is_planned(member, post_kind: PostKind, organization, on: dt.date) -> bool:
    """In a plan of the organization covering `on`'s year, for the post or one of the same rank (Art. 34)."""
    return (
        _open_entries(member=member, plan__organization=organization)
        .filter(plan__start_year__lte=on.year, plan__end_year__gte=on.year, added_on__lte=on)
        .filter(post_kind__rank=post_kind.rank)
        .exists()
    )


def current_rank(member, on: dt.date) -> int | None:
    """The most senior rank the member holds on `on` (a post in a committee or an appointment in tenure)."""
    held = Holding.objects.filter(member=member).on(on).aggregate(top=Max("post_kind__rank"))["top"]
    appointed = [
        a.post_kind.rank
        for a in Appointment.objects.filter(member=member, status=AppointmentStatus.DECIDED).select_related("post_kind")
        if a.effective_on and a.effective_on <= on < add_months(a.effective_on, a.tenure_months)
    ]
    ranks = [r for r in [held, *appointed] if r is not None]
    return max(ranks) if ranks else None


def appointment_errors(*, member, post_kind: PostKind, organization, kind: str, on: dt.date) -> dict[str, list]:
    """The rules an appointment must pass on `on`: the plan (not for a reappointment to the same post) and the
    discipline waiting time for a higher post."""
    errors: dict[str, list] = {}
    name = member.full_name
    if kind != AppointmentKind.REAPPOINTMENT and not is_planned(member, post_kind, organization, on):
        errors["member"] = [rules.NOT_PLANNED % {"name": name, "post": post_kind.name, "basis": rules.QD377}]
    rank = current_rank(member, on)
    if rank is None or post_kind.rank > rank:
        block = rules.discipline_block(name=name, disciplines=disciplines_of(member), on=on)
        if block:
            errors.setdefault("member", []).append(block)
    return errors


@transaction.atomic
def appointment_propose(
    *, actor, organization, member, post_kind: PostKind, kind: str, proposed_on: dt.date, note: str = ""
) -> Appointment:
    """Propose an appointment: refused at once when a rule already bars it on the proposal's day."""
    _require(actor, organization)
    if member.status not in ACTIVE_STATUSES:
        raise ValidationError({"member": [NOT_ACTIVE % {"name": member.full_name}]})
    if Appointment.objects.filter(member=member, status=AppointmentStatus.PROPOSED).exists():
        raise ValidationError({"member": [PROPOSAL_OPEN % {"name": member.full_name}]})
    errors = appointment_errors(
        member=member, post_kind=post_kind, organization=organization, kind=kind, on=proposed_on
    )
    if errors:
        raise ValidationError(errors)
    appointment = Appointment(
        organization=organization,
        member=member,
        post_kind=post_kind,
        kind=kind,
        proposed_on=proposed_on,
        tenure_months=parameters.value(rules.TENURE_MONTHS.key, on=proposed_on),
        note=note,
    )
    appointment.full_clean()
    save_with_history(appointment, actor=actor, reason=AppointmentKind(kind).label)
    return appointment


@transaction.atomic
def appointment_decide(
    *,
    actor,
    appointment: Appointment,
    effective_on: dt.date,
    decision_number: str,
    decision_date: dt.date | None = None,
    signed_by: str = "",
) -> Appointment:
    """Record the decision; the rules are checked again on the effective day."""
    appointment = (
        Appointment.objects.select_for_update()
        .select_related("organization", "member", "post_kind")
        .get(pk=appointment.pk)
    )
    _require(actor, appointment.organization)
    if appointment.status != AppointmentStatus.PROPOSED:
        raise ValidationError({"status": [NOT_PROPOSED % {"status": appointment.get_status_display()}]})
    errors: dict[str, list] = {}
    if not decision_number.strip():
        errors["decision_number"] = [DECISION_REQUIRED]
    if effective_on < appointment.proposed_on:
        errors["effective_on"] = [DATE_BEFORE_PROPOSAL]
    errors.update(
        appointment_errors(
            member=appointment.member,
            post_kind=appointment.post_kind,
            organization=appointment.organization,
            kind=appointment.kind,
            on=effective_on,
        )
    )
    if errors:
        raise ValidationError(errors)
    appointment.status = AppointmentStatus.DECIDED
    appointment.effective_on = effective_on
    appointment.decision_number = decision_number.strip()
    appointment.decision_date = decision_date or effective_on
    appointment.signed_by = signed_by
    save_with_history(
        appointment, actor=actor, reason=_("Quyết định %(kind)s") % {"kind": appointment.get_kind_display()}
    )
    return appointment


@transaction.atomic
def appointment_withdraw(*, actor, appointment: Appointment, reason: str) -> Appointment:
    appointment = Appointment.objects.select_for_update().select_related("organization").get(pk=appointment.pk)
    _require(actor, appointment.organization)
    if appointment.status != AppointmentStatus.PROPOSED:
        raise ValidationError({"status": [NOT_PROPOSED % {"status": appointment.get_status_display()}]})
    appointment.status = AppointmentStatus.WITHDRAWN
    save_with_history(appointment, actor=actor, reason=reason or _("Rút đề xuất"))
    return appointment
