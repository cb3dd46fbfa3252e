"""Demo candidates at every step of the pipeline, written through `candidates.services` (via `seed(ctx)`)."""

import datetime as dt

from django.core.exceptions import ValidationError

from xaydungdang.candidates import services
from xaydungdang.candidates.choices import Step
from xaydungdang.demo.names import person_name
from xaydungdang.members.choices import MemberStatus
from xaydungdang.members.models import Member, MembershipPeriod
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS
from xaydungdang.organizations.models import Organization

# Days before today at which each step was done; the last entry of each plan is where the candidate stops.
TIMELINE = {
    Step.COURSE: 200,
    Step.APPLICATION: 170,
    Step.SPONSORS: 160,
    Step.OPINIONS: 140,
    Step.CELL_RESOLUTION: 110,
    Step.COMMITTEE_RESOLUTION: 100,
    Step.DECISION: 90,
    Step.CEREMONY: 80,
}
RECENT = {Step.CELL_RESOLUTION: 20, Step.COMMITTEE_RESOLUTION: 15, Step.DECISION: 10, Step.CEREMONY: 5}


def _cells_with_sponsors(province) -> list[tuple[Organization, list[Member]]]:
    cells = Organization.objects.subtree_of(province).active().filter(kind__in=MEMBER_HOLDING_KINDS)
    found = []
    for cell in cells.order_by("path")[:60]:
        officials = list(Member.objects.filter(organization=cell, status=MemberStatus.OFFICIAL).order_by("id")[:2])
        if len(officials) == 2:
            found.append((cell, officials))
        if len(found) >= 12:
            break
    return found


def _advance(ctx, candidate, cell, officials, last: str, recent: bool) -> None:
    order = services.steps_for(candidate)
    for step in order[1 : order.index(last) + 1]:
        days = RECENT.get(step, TIMELINE[step]) if recent and step in RECENT else TIMELINE[step]
        day = ctx.today - dt.timedelta(days=days)
        extra: dict = {}
        if step == Step.SPONSORS:
            extra["sponsors"] = [(m, day - dt.timedelta(days=800)) for m in officials]
        if step == Step.CELL_RESOLUTION:
            eligible = (
                MembershipPeriod.objects.of(cell, on=day)
                .filter(status=MemberStatus.OFFICIAL)
                .values("member_id")
                .distinct()
                .count()
            )
            extra["votes_for"] = eligible
        if step in services.NEEDS_DOCUMENT:
            extra["document_number"] = f"{ctx.rng.randint(10, 400)}-{'QĐ' if step == Step.DECISION else 'NQ'}/ĐU"
            extra["issued_by"] = "Ban Thường vụ Đảng ủy" if step == Step.DECISION else ""
        services.candidate_advance(actor=ctx.actor, candidate=candidate, step=step, done_on=day, **extra)


def seed(ctx) -> None:
    made = 0
    stops = list(services.STEP_ORDER)
    for index, (cell, officials) in enumerate(_cells_with_sponsors(ctx.province)):
        last = stops[index % len(stops)]
        gender = ctx.rng.choice(["male", "female"])
        year = ctx.today.year - ctx.rng.randint(20, 35)
        try:
            candidate = services.candidate_create(
                actor=ctx.actor,
                organization=cell,
                recorded_on=ctx.today - dt.timedelta(days=230),
                full_name=person_name(ctx.rng, gender=gender, birth_year=year, ethnicity="01"),
                gender=gender,
                birth_date=dt.date(year, ctx.rng.randint(1, 12), ctx.rng.randint(1, 28)),
                education_level="upper_secondary",
                occupation=ctx.rng.choice(["civil_servant", "public_employee", "enterprise", "student"]),
            )
            if last != Step.RECORDED:
                if last == Step.COMMITTEE_RESOLUTION and Step.COMMITTEE_RESOLUTION not in services.steps_for(candidate):
                    last = Step.CELL_RESOLUTION
                _advance(ctx, candidate, cell, officials, last, recent=index % 2 == 0)
            made += 1
        except ValidationError as error:
            ctx.write(f"  bỏ qua một quần chúng: {'; '.join(error.messages)}")
    ctx.write(f"  quần chúng ưu tú: {made}")
