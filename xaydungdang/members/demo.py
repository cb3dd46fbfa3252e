"""Demo lifecycle data, written through the lifecycle services (called by `seed_demo` via `seed(ctx)`).

On top of the builder's members, it makes the due-work page of the demo province tell a story: probationary
members due for recognition, transfers waiting (one overdue), temporary activity, exemptions, discipline,
removals, a death, a readmission, members arriving from another province, badges. A few hundred calls.
"""

import datetime as dt

from django.core.exceptions import ValidationError

from xaydungdang.core.dates import add_months
from xaydungdang.demo.names import person_name
from xaydungdang.members.choices import MemberStatus
from xaydungdang.members.lifecycle import rules
from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.lifecycle.choices import DisciplineForm, StrikeOffGround
from xaydungdang.members.models import Member
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS
from xaydungdang.organizations.models import Organization

DAY = dt.timedelta(days=1)


def _try(counter: dict, key: str, service, **kwargs) -> object | None:
    """A demo call the rules may refuse for a randomly chosen member: skip it, count what worked."""
    try:
        result = service(actor=kwargs.pop("actor"), **kwargs)
    except ValidationError:
        return None
    counter[key] = counter.get(key, 0) + 1
    return result


def cells_of(province) -> list[Organization]:
    return list(
        Organization.objects.subtree_of(province).active().filter(kind__in=MEMBER_HOLDING_KINDS).order_by("path")
    )


def _person(rng, day: dt.date) -> dict:
    gender = rng.choice(["male", "female"])
    year = day.year - rng.randint(22, 40)
    return {
        "full_name": person_name(rng, gender=gender, birth_year=year, ethnicity="01"),
        "gender": gender,
        "birth_date": dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
        "education_level": "upper_secondary",
        "occupation": rng.choice(["civil_servant", "public_employee", "enterprise", "farmer"]),
        "hometown": "Cần Thơ",
    }


def _admit_due_for_recognition(ctx, cells, counter) -> None:
    """Probationary members whose 12 months end around today: some overdue, some coming."""
    for n in range(12):
        ceremony = add_months(ctx.today, -12) + dt.timedelta(days=ctx.rng.randint(-60, 40))
        _try(
            counter, "kết nạp", svc.member_admit, actor=ctx.actor, organization=ctx.rng.choice(cells),
            decision_number=f"{300 + n}-QĐ/ĐU", decision_date=ceremony - dt.timedelta(days=ctx.rng.randint(5, 25)),
            issued_by="Ban Thường vụ Đảng ủy", ceremony_date=ceremony, **_person(ctx.rng, ceremony),
        )  # fmt: skip


def _official(province, rng, count: int) -> list[Member]:
    pool = list(
        Member.objects.filter(organization__path__startswith=province.path, status=MemberStatus.OFFICIAL)
        .order_by("id")
        .values_list("pk", flat=True)[:3000]
    )
    chosen = rng.sample(pool, min(count, len(pool)))
    return list(Member.objects.filter(pk__in=chosen).order_by("id"))


def _recent(ctx) -> dt.date:
    return ctx.today - dt.timedelta(days=ctx.rng.randint(3, 40))


def _transfer(ctx, member, other, index, counter) -> None:
    """Internal transfers: the first of each group waits, the second is overdue, the third is accepted."""
    kind = index % 12
    issued = ctx.today - dt.timedelta(days=70 if kind == 1 else ctx.rng.randint(3, 20))
    transfer = _try(
        counter, "chuyển sinh hoạt đi", svc.transfer_issue, actor=ctx.actor, member=member, to_organization=other,
        letter_number=f"{index + 10}-GGT/ĐU", issued_on=issued, issued_by="Đảng ủy", cause_date=issued - 10 * DAY,
        reason="Chuyển công tác",
    )  # fmt: skip
    if transfer and kind == 2:
        _try(counter, "tiếp nhận", svc.transfer_accept, actor=ctx.actor, transfer=transfer, accepted_on=ctx.today)


def _badge(ctx, member, index, counter) -> None:
    award = rules.next_award_date(ctx.today - 120 * DAY)
    events = list(member.events.order_by("effective_date", "id"))
    due = rules.due_milestone(events, award_day=award, already=set(member.badges.values_list("years", flat=True)))
    if due and award <= ctx.today:
        _try(
            counter, "huy hiệu", svc.badge_award, actor=ctx.actor, member=member, years=due[0], awarded_on=award,
            decision_number=f"{index}-QĐ/TU",
        )  # fmt: skip


def _events(ctx, cells, counter) -> None:
    for index, member in enumerate(_official(ctx.province, ctx.rng, 60)):
        kind = index % 12
        other = ctx.rng.choice([c for c in cells if c.pk != member.organization_id])
        common = {"actor": ctx.actor, "member": member}
        if kind in (0, 1, 2):
            _transfer(ctx, member, other, index, counter)
        elif kind == 3:
            _try(
                counter, "chuyển ra ngoài", svc.transfer_issue, **common, external_organization="Đảng bộ tỉnh Vĩnh Long",
                letter_number=f"{index}-GGT/TU", issued_on=_recent(ctx), reason="Thay đổi nơi cư trú",
            )  # fmt: skip
        elif kind == 4:
            _try(
                counter, "sinh hoạt tạm thời", svc.member_temporary_start, **common, to_organization=other,
                effective_date=_recent(ctx), until=ctx.today + 120 * DAY, reason="Học tập",
            )  # fmt: skip
        elif kind == 5:
            _try(
                counter,
                "miễn sinh hoạt",
                svc.member_exempt,
                **common,
                effective_date=_recent(ctx),
                reason="Tuổi cao, sức khỏe yếu",
            )
        elif kind == 6:
            _try(
                counter, "kỷ luật", svc.member_discipline, **common, form=ctx.rng.choice(DisciplineForm.values),
                effective_date=_recent(ctx), reason="Vi phạm những điều đảng viên không được làm",
                decision_number=f"{index}-QĐ/UBKT",
            )  # fmt: skip
        elif kind == 7:
            _try(
                counter, "xóa tên", svc.member_strike_off, **common, ground=StrikeOffGround.LEFT_ACTIVITY,
                effective_date=_recent(ctx), decision_number=f"{index}-QĐ/ĐU",
            )  # fmt: skip
        elif kind == 8:
            _try(counter, "từ trần", svc.member_record_death, **common, effective_date=_recent(ctx))
        elif kind == 9:
            card = f"{ctx.rng.randint(10**7, 10**8 - 1)}"
            _try(counter, "phát thẻ", svc.party_card_issue, **common, card_number=card, issued_on=_recent(ctx))
        elif kind == 10:
            _badge(ctx, member, index, counter)
        else:
            _try(
                counter,
                "xin ra khỏi Đảng",
                svc.member_resign,
                **common,
                effective_date=_recent(ctx),
                reason="Hoàn cảnh gia đình",
            )


def _readmit(ctx, cells, counter) -> None:
    left = Member.objects.filter(organization__path__startswith=ctx.province.path, status=MemberStatus.STRUCK_OFF)
    for member in left.order_by("id")[:10]:
        decision = ctx.today - dt.timedelta(days=ctx.rng.randint(20, 60))
        if _try(
            counter, "kết nạp lại", svc.member_readmit, actor=ctx.actor, member=member,
            organization=ctx.rng.choice(cells), decision_number="88-QĐ/ĐU", decision_date=decision,
            issued_by="Ban Thường vụ Đảng ủy", ceremony_date=decision + 7 * DAY, reason="Kết nạp lại",
        ):  # fmt: skip
            return  # one readmission is enough for the demo


def _arrivals(ctx, cells, counter) -> None:
    for n in range(4):
        arrived = ctx.today - dt.timedelta(days=ctx.rng.randint(10, 90))
        admitted = arrived - dt.timedelta(days=ctx.rng.randint(800, 4000))
        _try(
            counter, "chuyển đến từ tỉnh khác", svc.member_transfer_in_from_outside, actor=ctx.actor,
            organization=ctx.rng.choice(cells), arrived_on=arrived, letter_number=f"{n + 1}-GGT/TU",
            letter_date=arrived - 12 * DAY, from_organization="Đảng bộ tỉnh Sóc Trăng", status=MemberStatus.OFFICIAL,
            admission_decision_date=admitted - 7 * DAY, admission_date=admitted,
            official_date=rules.probation_end(admitted), **_person(ctx.rng, admitted),
        )  # fmt: skip


def seed(ctx) -> None:
    cells = cells_of(ctx.province)
    if len(cells) < 2:
        return
    counter: dict[str, int] = {}
    _admit_due_for_recognition(ctx, cells, counter)
    _events(ctx, cells, counter)
    _readmit(ctx, cells, counter)
    _arrivals(ctx, cells, counter)
    ctx.write("  " + "; ".join(f"{key}: {value}" for key, value in counter.items()))
