"""Writes of committees and terms: open a term (congress or appointment), seats, posts held and ended, the
posts of a member who leaves, and the terms' carry-over through a reorganization's lineage."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.committees.choices import EndReason, ObtainedBy, TermOrigin
from xaydungdang.committees.models import Holding, PostKind, Term, TermSeat
from xaydungdang.committees.rules import TERM_MONTHS
from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months, format_vn_date
from xaydungdang.core.history import acting_user, save_with_history
from xaydungdang.members.choices import ACTIVE_STATUSES, EventKind

DECISION_REQUIRED = gettext_lazy("Phải ghi số quyết định chỉ định của cấp ủy cấp trên.")
CONGRESS_DATE_REQUIRED = gettext_lazy("Phải ghi ngày đại hội đã bầu cấp ủy nhiệm kỳ này.")
TERM_OVERLAP = gettext_lazy(
    "%(organization)s đã có nhiệm kỳ bắt đầu ngày %(day)s; các nhiệm kỳ không được chồng lên nhau."
)
OUTSIDE_TERM = gettext_lazy("Ngày phải trong nhiệm kỳ %(label)s (%(start)s – %(end)s).")
POST_NOT_FOR_KIND = gettext_lazy("Chức vụ «%(post)s» không có ở %(kind)s.")
NOT_ACTIVE = gettext_lazy("%(name)s không phải đảng viên đang sinh hoạt; không thể giữ chức vụ trong cấp ủy.")
ALREADY_HOLDS = gettext_lazy("%(name)s đang giữ chức vụ «%(post)s» trong nhiệm kỳ này.")
NO_SEAT = gettext_lazy("Nhiệm kỳ này có %(seats)s chức vụ «%(post)s» và đã đủ người ngày %(day)s.")
ALREADY_ENDED = gettext_lazy("Chức vụ này đã thôi từ ngày %(day)s.")
ENDS_BEFORE_START = gettext_lazy("Ngày thôi giữ chức vụ không được trước ngày bắt đầu (%(day)s).")
UNKNOWN_REASON = gettext_lazy("Phải chọn lý do thôi giữ chức vụ.")

# The event of leaving the Party → the reason the posts end.
EXIT_REASONS = {EventKind.DECEASED: EndReason.DEATH}


def _require(actor, organization) -> None:
    policy_for(actor).require_in_organization(Action.CHANGE, organization)


def _clean_save(obj, actor, reason: str, exclude=()) -> None:
    obj.full_clean(exclude=list(exclude))
    save_with_history(obj, actor=actor, reason=reason)


@transaction.atomic
def term_create(
    *,
    actor,
    organization,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    origin: str = TermOrigin.CONGRESS,
    congress_date: dt.date | None = None,
    congress_kind: str = "",
    delegates_called: int | None = None,
    delegates_present: int | None = None,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    issued_by: str = "",
    note: str = "",
    seats: dict[str, int] | None = None,
) -> Term:
    """Open a term. The term before it, if still open on `starts_on`, closes the day before, and so do its
    posts (end of term)."""
    _require(actor, organization)
    errors: dict[str, list] = {}
    if origin == TermOrigin.CONGRESS and not congress_date:
        errors["congress_date"] = [CONGRESS_DATE_REQUIRED]
    if origin == TermOrigin.APPOINTED and not decision_number.strip():
        errors["decision_number"] = [DECISION_REQUIRED]
    later = Term.objects.filter(organization=organization, starts_on__gte=starts_on).order_by("starts_on").first()
    if later:
        errors.setdefault("starts_on", []).append(
            TERM_OVERLAP % {"organization": organization.name, "day": format_vn_date(later.starts_on)}
        )
    term = Term(
        organization=organization,
        starts_on=starts_on,
        ends_on=ends_on or add_months(starts_on, parameters.value(TERM_MONTHS.key, on=starts_on)),
        origin=origin,
        congress_date=congress_date,
        congress_kind=congress_kind,
        delegates_called=delegates_called,
        delegates_present=delegates_present,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        issued_by=issued_by,
        note=note,
    )
    try:
        term.full_clean()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    for previous in Term.objects.select_for_update().filter(organization=organization, closed_on__isnull=True):
        if previous.starts_on < starts_on:
            _close_term(previous, actor=actor, last_day=starts_on - dt.timedelta(days=1), reason=EndReason.END_OF_TERM)
    save_with_history(term, actor=actor, reason=_("Mở nhiệm kỳ %(label)s") % {"label": term.label})
    for code, count in (seats or {}).items():
        term_set_seats(actor=actor, term=term, post_kind=PostKind.objects.get(code=code), seats=count)
    return term


def _close_term(term: Term, *, actor, last_day: dt.date, reason: str) -> None:
    last_day = min(max(last_day, term.starts_on), term.ends_on)
    for holding in term.holdings.select_for_update().filter(ended_on__isnull=True):
        _end(holding, actor=actor, ended_on=max(last_day, holding.started_on), reason=reason)
    term.closed_on = last_day
    save_with_history(term, actor=actor, reason=EndReason(reason).label)


@transaction.atomic
def term_set_seats(*, actor, term: Term, post_kind: PostKind, seats: int) -> TermSeat:
    """The number of seats of a kind of post in the term (a congress decides it; vacancies are counted from it)."""
    _require(actor, term.organization)
    _check_post_kind(post_kind, term.organization)
    seat = TermSeat.objects.filter(term=term, post_kind=post_kind).first() or TermSeat(term=term, post_kind=post_kind)
    seat.seats = seats
    _clean_save(seat, actor, _("Số lượng chức vụ"))
    return seat


def _check_post_kind(post_kind: PostKind, organization) -> None:
    if post_kind.organization_kinds and organization.kind not in post_kind.organization_kinds:
        raise ValidationError(
            {"post_kind": [POST_NOT_FOR_KIND % {"post": post_kind.name, "kind": organization.get_kind_display()}]}
        )


def _check_in_term(term: Term, day: dt.date, field: str) -> None:
    if not term.covers(day):
        raise ValidationError(
            {
                field: [
                    OUTSIDE_TERM
                    % {
                        "label": term.label,
                        "start": format_vn_date(term.starts_on),
                        "end": format_vn_date(term.last_day),
                    }
                ]
            }
        )


@transaction.atomic
def holding_create(
    *,
    actor,
    term: Term,
    member,
    post_kind: PostKind,
    started_on: dt.date,
    obtained_by: str = ObtainedBy.ELECTED,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    carried_from: Holding | None = None,
) -> Holding:
    """A member takes a post in the term: elected by the congress, appointed, or by a by-election; concurrent
    posts are allowed, the same post twice at once is not, nor more people than the term's seats."""
    term = Term.objects.select_for_update().select_related("organization").get(pk=term.pk)
    _require(actor, term.organization)
    _check_post_kind(post_kind, term.organization)
    _check_in_term(term, started_on, "started_on")
    if member.status not in ACTIVE_STATUSES:
        raise ValidationError({"member": [NOT_ACTIVE % {"name": member.full_name}]})
    if obtained_by in (ObtainedBy.APPOINTED, ObtainedBy.BY_ELECTION) and not decision_number.strip():
        raise ValidationError({"decision_number": [_("Phải ghi số quyết định chỉ định hoặc chuẩn y kết quả bầu.")]})
    same = Holding.objects.filter(term=term, member=member, post_kind=post_kind).on(started_on)
    if same.exists():
        raise ValidationError({"post_kind": [ALREADY_HOLDS % {"name": member.full_name, "post": post_kind.name}]})
    seat = TermSeat.objects.filter(term=term, post_kind=post_kind).first()
    if seat and Holding.objects.filter(term=term, post_kind=post_kind).on(started_on).count() >= seat.seats:
        raise ValidationError(
            {"post_kind": [NO_SEAT % {"seats": seat.seats, "post": post_kind.name, "day": format_vn_date(started_on)}]}
        )
    holding = Holding(
        term=term,
        member=member,
        post_kind=post_kind,
        started_on=started_on,
        obtained_by=obtained_by,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        carried_from=carried_from,
        recorded_by=acting_user(actor),
    )
    _clean_save(holding, actor, ObtainedBy(obtained_by).label, exclude=["recorded_by"])
    return holding


def _end(holding: Holding, *, actor, ended_on: dt.date, reason: str, decision_number: str = "") -> Holding:
    holding.ended_on = ended_on
    holding.end_reason = reason
    holding.end_decision_number = decision_number
    save_with_history(holding, actor=actor, reason=EndReason(reason).label)
    return holding


@transaction.atomic
def holding_end(*, actor, holding: Holding, ended_on: dt.date, reason: str, decision_number: str = "") -> Holding:
    """The member stops holding the post on `ended_on` (the last day held)."""
    holding = Holding.objects.select_for_update().select_related("term__organization").get(pk=holding.pk)
    _require(actor, holding.term.organization)
    if reason not in EndReason.values:
        raise ValidationError({"reason": [UNKNOWN_REASON]})
    if holding.ended_on:
        raise ValidationError({"ended_on": [ALREADY_ENDED % {"day": format_vn_date(holding.ended_on)}]})
    if ended_on < holding.started_on:
        raise ValidationError({"ended_on": [ENDS_BEFORE_START % {"day": format_vn_date(holding.started_on)}]})
    return _end(holding, actor=actor, ended_on=ended_on, reason=reason, decision_number=decision_number.strip())


def member_posts_end(*, actor, member, kind: str, effective_date: dt.date) -> int:
    """A member who leaves the Party or dies stops holding every post on that day, in the same transaction as
    the event (registered with members.lifecycle.exits). The actor's scope was checked on the member by the
    lifecycle service; the posts may sit higher (a cell member on the commune's committee) and end anyway,
    because they follow from the event, not from a separate decision. Open plan places and appointment
    proposals end with them."""
    from xaydungdang.committees.planning import member_leaves_plans

    reason = EXIT_REASONS.get(kind, EndReason.LEFT_PARTY)
    holdings = list(Holding.objects.select_for_update().filter(member=member, ended_on__isnull=True))
    for holding in holdings:
        _end(holding, actor=actor, ended_on=max(effective_date, holding.started_on), reason=reason)
    member_leaves_plans(actor=actor, member=member, on=effective_date, reason=str(EventKind(kind).label))
    return len(holdings)


@transaction.atomic
def terms_carry_over(*, actor, reorganization) -> list[Term]:
    """Follow a reorganization's lineage: each predecessor's open term closes the day before the effective date
    (its posts end: reorganization); a successor without a term covering that day gets an appointed term,
    carried over from the predecessors', whose committee members keep their posts from that day.

    A rename or a move has no lineage edge: the organization and its term go on unchanged."""
    day = reorganization.effective_date
    created: list[Term] = []
    by_successor: dict[int, list] = {}
    for edge in reorganization.lineage.select_related("predecessor", "successor"):
        by_successor.setdefault(edge.successor_id, [edge.successor]).append(edge.predecessor)
    for successor, *predecessors in by_successor.values():
        _require(actor, successor)
        old_terms = [
            t
            for t in Term.objects.select_for_update().filter(organization__in=predecessors, closed_on__isnull=True)
            if t.starts_on < day
        ]
        carried = [(h, h.term) for t in old_terms for h in t.holdings.on(day - dt.timedelta(days=1))]
        target = next((t for t in Term.objects.filter(organization=successor) if t.covers(day)), None)
        for term in old_terms:
            if term.organization_id != successor.pk:
                _close_term(term, actor=actor, last_day=day - dt.timedelta(days=1), reason=EndReason.REORGANIZATION)
        if target is None:
            ends_on = max((t.ends_on for t in old_terms), default=None)
            target = Term(
                organization=successor,
                starts_on=day,
                ends_on=ends_on if ends_on and ends_on > day else add_months(day, parameters.value(TERM_MONTHS.key)),
                origin=TermOrigin.CARRIED_OVER,
                decision_number=reorganization.decision_number,
                decision_date=reorganization.decision_date,
                issued_by=reorganization.issued_by,
            )
            _clean_save(target, actor, _("Kế thừa nhiệm kỳ khi sắp xếp tổ chức"))
            target.carried_from.set(old_terms)
            created.append(target)
        for holding, term in carried:
            if term.organization_id == successor.pk:
                continue
            if Holding.objects.filter(term=target, member=holding.member, post_kind=holding.post_kind).on(day).exists():
                continue
            copy = Holding(
                term=target,
                member=holding.member,
                post_kind=holding.post_kind,
                started_on=day,
                obtained_by=ObtainedBy.CARRIED_OVER,
                decision_number=reorganization.decision_number,
                decision_date=reorganization.decision_date,
                carried_from=holding,
                recorded_by=acting_user(actor),
            )
            save_with_history(copy, actor=actor, reason=ObtainedBy.CARRIED_OVER.label)
    return created
