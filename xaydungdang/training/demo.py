"""Demo training (via `seed(ctx)`), written through `training.services`: two years of classes — the city
school's theory courses (sơ cấp, trung cấp) last year and a sơ cấp class still running, the district centres'
awareness course and new-member programme this year — with enrolments, sessions and attendance, results and
certificates, yearly plans, and a few certificates from the paper file. One candidate and two probationary
members are left without their course so the Việc cần làm sections show items."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

from xaydungdang.candidates.choices import CandidateStatus
from xaydungdang.candidates.models import Candidate
from xaydungdang.members.choices import ACTIVE_STATUSES, MemberStatus
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization
from xaydungdang.training import services
from xaydungdang.training.catalog import ensure_course_kinds
from xaydungdang.training.choices import Result

DAY = dt.timedelta(days=1)
TOPICS = [
    "Chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh",
    "Cương lĩnh chính trị, Điều lệ Đảng",
    "Đường lối của Đảng, chính sách, pháp luật của Nhà nước",
    "Nhiệm vụ của đảng viên, xây dựng chi bộ",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
]


def _busiest_district(ctx) -> Organization | None:
    """The district (depth 2) with the most probationary members: it runs the new-member programme."""
    paths = Member.objects.filter(
        status=MemberStatus.PROBATIONARY, organization__path__startswith=ctx.province.path
    ).values_list("organization__path", flat=True)
    counts: dict[str, int] = {}
    for path in paths:
        counts[path[: 2 * ctx.province.steplen]] = counts.get(path[: 2 * ctx.province.steplen], 0) + 1
    if not counts:
        return None
    return Organization.objects.get(path=max(sorted(counts), key=counts.get))


def _district(ctx) -> Organization:
    """The district (depth 2) holding the first candidate in progress, else the province's first district."""
    candidate = (
        Candidate.objects.filter(status=CandidateStatus.IN_PROGRESS, organization__path__startswith=ctx.province.path)
        .select_related("organization")
        .order_by("organization__path", "id")
        .first()
    )
    if candidate is not None:
        return Organization.objects.get(path=candidate.organization.path[: 2 * ctx.province.steplen])
    return Organization.objects.filter(path__startswith=ctx.province.path, depth=2).order_by("path").first()


class _Numbers:
    def __init__(self):
        self.count = 0

    def next(self, prefix: str, year: int) -> str:
        self.count += 1
        return f"{self.count:04d}/{prefix}-{year}"


def _run(ctx, *, district, kind, name, organizer, starts_on, ends_on, people, numbers, prefix) -> dict:
    """A class with `people` (members or candidates), sessions, attendance, and for a finished class results
    (one failed and one withdrawn when big enough) and certificates. Returns the counts."""
    training_class = services.class_create(
        actor=ctx.actor, organization=district, course_kind=kind, name=name, organizer=organizer,
        starts_on=starts_on, ends_on=ends_on, capacity=max(len(people), 1) + 5, place="Hội trường " + district.name,
    )  # fmt: skip
    enrollments = []
    for person in people:
        key = "candidate" if isinstance(person, Candidate) else "member"
        try:
            enrollments.append(
                services.enrollment_create(actor=ctx.actor, training_class=training_class, **{key: person})
            )
        except ValidationError as error:
            ctx.write(f"  bỏ qua một học viên: {'; '.join(error.messages)}")
    last_day = min(ends_on, ctx.today)
    days = (last_day - starts_on).days
    sessions = 0
    count = min(len(TOPICS), days + 1)
    for index in range(count):
        held_on = starts_on + DAY * (index * days // max(count - 1, 1))
        session = services.session_create(
            actor=ctx.actor, training_class=training_class, held_on=held_on, topic=TOPICS[index]
        )
        present = {e.pk for e in enrollments if ctx.rng.random() < 0.92}
        services.attendance_record(actor=ctx.actor, session=session, present=present)
        sessions += 1
    certificates = 0
    if ends_on < ctx.today:
        for index, enrollment in enumerate(enrollments):
            score = Decimal(ctx.rng.randrange(60, 100)) / 10
            if len(enrollments) >= 6 and index == len(enrollments) - 1:
                services.result_record(actor=ctx.actor, enrollment=enrollment, result=Result.WITHDRAWN)
                continue
            if len(enrollments) >= 6 and index == len(enrollments) - 2:
                services.result_record(
                    actor=ctx.actor, enrollment=enrollment, result=Result.FAILED, score=Decimal("4.00")
                )
                continue
            services.result_record(
                actor=ctx.actor, enrollment=enrollment, result=Result.PASSED, score=score,
                certificate_number=numbers.next(prefix, ends_on.year),
                certificate_date=min(ends_on + 5 * DAY, ctx.today), issued_by=organizer,
            )  # fmt: skip
            certificates += 1
    return {"trainees": len(enrollments), "sessions": sessions, "certificates": certificates}


def seed(ctx) -> None:
    kinds = ensure_course_kinds()
    district = _district(ctx)
    if district is None:
        ctx.write("  bồi dưỡng: không có tổ chức đảng cấp huyện")
        return
    centre = f"Trung tâm chính trị {district.name}"
    school = f"Trường Chính trị {ctx.province.name}"
    numbers = _Numbers()
    in_subtree = {"organization__path__startswith": district.path}
    # The theory courses are the city school's: members of any active status but probationary, city-wide.
    members = list(
        Member.objects.filter(status__in=ACTIVE_STATUSES, organization__path__startswith=ctx.province.path)
        .exclude(status=MemberStatus.PROBATIONARY)
        .order_by("organization__path", "id")[:60]
    )
    candidates = list(Candidate.objects.filter(status=CandidateStatus.IN_PROGRESS, **in_subtree).order_by("id"))
    new_member_district = _busiest_district(ctx) or district
    probationary = list(
        Member.objects.filter(
            status=MemberStatus.PROBATIONARY, organization__path__startswith=new_member_district.path
        ).order_by("id")[:25]
    )
    last_year, this_year = ctx.today.year - 1, ctx.today.year
    totals = {"classes": 0, "trainees": 0, "sessions": 0, "certificates": 0}

    def run(where=district, **kw):
        counts = _run(ctx, district=where, numbers=numbers, **kw)
        totals["classes"] += 1
        for key, value in counts.items():
            totals[key] += value

    # Last year: the theory courses (members of any active status but probationary).
    city = ctx.province
    run(where=city, kind=kinds["so-cap"], name=f"Lớp sơ cấp lý luận chính trị khóa 1/{last_year}", organizer=school,
        starts_on=dt.date(last_year, 3, 2), ends_on=dt.date(last_year, 5, 29), people=members[:18], prefix="SC")  # fmt: skip
    run(where=city, kind=kinds["trung-cap"], name=f"Lớp trung cấp lý luận chính trị khóa {last_year}", organizer=school,
        starts_on=dt.date(last_year, 6, 1), ends_on=dt.date(last_year, 11, 27), people=members[18:28], prefix="TC")  # fmt: skip
    # This year: the awareness course (all candidates but the last, who stays due) and the new-member
    # programme, run by the district with the most probationary members (all of them but the last two, who
    # stay due).
    start = ctx.today - 215 * DAY
    run(kind=kinds["nhan-thuc"], name=f"Lớp bồi dưỡng nhận thức về Đảng khóa 1/{start.year}", organizer=centre,
        starts_on=start, ends_on=start + 4 * DAY, people=candidates[:-1], prefix="NT")  # fmt: skip
    start = ctx.today - 60 * DAY
    run(where=new_member_district, kind=kinds["dang-vien-moi"], name=f"Lớp bồi dưỡng đảng viên mới khóa 1/{start.year}",
        organizer=f"Trung tâm chính trị {new_member_district.name}",
        starts_on=start, ends_on=start + 6 * DAY, people=probationary[:-2], prefix="ĐVM")  # fmt: skip
    start = ctx.today - 2 * DAY
    run(where=city, kind=kinds["so-cap"], name=f"Lớp sơ cấp lý luận chính trị khóa 2/{start.year}", organizer=school,
        starts_on=start, ends_on=ctx.today + 40 * DAY, people=members[28:40], prefix="SC")  # fmt: skip
    # Certificates from the paper file: an older diploma, and an equivalent certificate issued before 9/7/2021.
    for index, member in enumerate(members[40:44]):
        services.certificate_record(
            actor=ctx.actor, course_kind=kinds["so-cap"], member=member, number=f"{index + 1:04d}/SC-2019",
            issued_on=dt.date(2019, 10, 15), issued_by=centre, equivalent=index % 2 == 1,
        )  # fmt: skip
    for kind in ("nhan-thuc", "dang-vien-moi", "so-cap", "trung-cap"):
        for year in (last_year, this_year):
            services.plan_save(
                actor=ctx.actor, organization=district, year=year, course_kind=kinds[kind],
                planned_trainees=ctx.rng.randint(15, 40), planned_classes=ctx.rng.randint(1, 2),
            )  # fmt: skip
    ctx.write(
        "  bồi dưỡng: {classes} lớp, {trainees} học viên, {sessions} buổi học, {certificates} giấy chứng nhận".format(
            **totals
        )
    )
