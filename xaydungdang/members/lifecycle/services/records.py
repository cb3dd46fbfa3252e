"""Party card and badges: records that change no state (rules.md §2.3, §2.6)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from xaydungdang.core.history import save_with_history
from xaydungdang.members.choices import EventKind, MemberStatus
from xaydungdang.members.lifecycle import rules
from xaydungdang.members.lifecycle.models import Badge
from xaydungdang.members.lifecycle.services._common import check_dates, decision_fields, finish, lock, record
from xaydungdang.members.models import Member


@transaction.atomic
def party_card_issue(
    *, actor, member: Member, card_number: str, issued_on: dt.date, decision_number: str = "", issued_by: str = ""
) -> Member:
    """Issue (or reissue) the party card to an official member (CT 29-CT/TW; QĐ 06-QĐ/TW 2026)."""
    member = lock(member, actor)
    card_number = card_number.strip()
    rules.check_card(status=member.status, card_number=card_number, on=issued_on)
    check_dates(member, effective_date=issued_on, ordered=False)
    old = member.party_card_number
    record(
        member,
        actor=actor,
        kind=EventKind.PARTY_CARD_ISSUED,
        effective_date=issued_on,
        data={"card_number": card_number, "previous": old},
        **decision_fields(decision_number=decision_number, decision_date=issued_on, issued_by=issued_by),
    )
    member.party_card_number = card_number
    return finish(member, actor=actor, reason=_("Phát thẻ đảng viên"))


@transaction.atomic
def badge_award(
    *,
    actor,
    member: Member,
    years: int,
    awarded_on: dt.date,
    decision_number: str = "",
    issued_by: str = "",
    badge_number: str = "",
    serious_illness: bool = False,
) -> Badge:
    """Award the badge for a milestone of party age; early only for serious illness, or posthumously."""
    member = lock(member, actor)
    posthumous = member.status == MemberStatus.DECEASED
    if not posthumous:
        rules.require_active(member.status)
    events = list(member.events.order_by("effective_date", "id"))
    rules.check_badge(
        events=events,
        years=years,
        awarded_on=awarded_on,
        already=set(member.badges.values_list("years", flat=True)),
        serious_illness=serious_illness,
        posthumous=posthumous,
    )
    check_dates(member, effective_date=awarded_on, ordered=False)
    badge = Badge(
        member=member,
        years=years,
        awarded_on=awarded_on,
        decision_number=decision_number,
        badge_number=badge_number,
        posthumous=posthumous,
    )
    save_with_history(badge, actor=actor)
    record(
        member,
        actor=actor,
        kind=EventKind.BADGE_AWARDED,
        effective_date=awarded_on,
        data={"years": years, "badge_id": badge.pk, "posthumous": posthumous},
        **decision_fields(decision_number=decision_number, decision_date=awarded_on, issued_by=issued_by),
    )
    finish(member, actor=actor, reason=_("Tặng Huy hiệu Đảng"))
    return badge


@transaction.atomic
def badge_return(*, actor, member: Member, returned_on: dt.date, note: str = "") -> Member:
    """Record that someone who left the Party handed back their badges (HD 01-HD/TW §18)."""
    member = lock(member, actor)
    if member.status not in rules.LEFT_STATUSES | {MemberStatus.ANNULLED}:
        raise rules.error("member", rules.BADGE_RETURN_NOT_LEFT % {"status": rules.status_label(member.status)})
    held = list(member.badges.filter(returned_on__isnull=True))
    if not held:
        raise rules.error("member", rules.BADGE_RETURN_NONE)
    check_dates(member, effective_date=returned_on)
    for badge in held:
        badge.returned_on = returned_on
        save_with_history(badge, actor=actor, reason=_("Nộp lại Huy hiệu Đảng"))
    record(
        member,
        actor=actor,
        kind=EventKind.BADGE_RETURNED,
        effective_date=returned_on,
        data={"badges": [badge.years for badge in held]},
        **decision_fields(note=note),
    )
    return finish(member, actor=actor, reason=_("Nộp lại Huy hiệu Đảng"))
