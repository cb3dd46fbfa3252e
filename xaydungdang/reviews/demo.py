"""Demo data: three past years of reviews, approved and locked, consistent with the rules, and one open
period for the current year. Bulk inserts (no history rows) keep it fast; the quota and the discipline,
new-member and exemption rules are applied exactly as the services would."""

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from xaydungdang.core.history import acting_user
from xaydungdang.members.choices import EventKind
from xaydungdang.members.models import MembershipEvent, MembershipPeriod
from xaydungdang.organizations.choices import GRASSROOTS_KINDS, OrganizationKind
from xaydungdang.organizations.models import Organization
from xaydungdang.reviews import rules, services
from xaydungdang.reviews.choices import DossierStatus, Level, TaskProgress
from xaydungdang.reviews.models import Dossier, Review
from xaydungdang.reviews.tally import tally_rows_added

# Score range and task progress of each level in the demo.
SHAPE = {
    Level.EXCELLENT: (90, 98, TaskProgress.EXCEEDED),
    Level.GOOD: (72, 89, TaskProgress.ON_TIME),
    Level.COMPLETED: (55, 69, TaskProgress.SOME_LATE),
    Level.FAILED: (35, 49, TaskProgress.NOT_DONE),
}


def seed(ctx) -> None:
    orgs = list(
        Organization.objects.filter(path__startswith=ctx.province.path).only("id", "path", "kind", "depth", "name")
    )
    for year in range(ctx.today.year - 3, ctx.today.year):
        period = services.period_open(actor=ctx.actor, organization=ctx.province, year=year)
        _seed_year(ctx, period, orgs)
        period.is_locked, period.locked_at = True, timezone.now()
        period.save(update_fields=["is_locked", "locked_at"])
    year = ctx.today.year
    kinds = (OrganizationKind.CELL, OrganizationKind.GRASSROOTS_CELL, OrganizationKind.GRASSROOTS_COMMITTEE)
    deadlines = {kind: dt.date(year, 12, 10 + 5 * i) for i, kind in enumerate(kinds)}
    deadlines[OrganizationKind.UPPER_GRASSROOTS] = dt.date(year, 12, 31)
    current = services.period_open(actor=ctx.actor, organization=ctx.province, year=year, deadlines=deadlines)
    written = _seed_self_reviews(ctx, current)
    ctx.write(f"reviews: 3 năm đã khóa, kỳ năm {year} đang mở, {written} bản tự kiểm điểm")


SELF_REVIEW_TEXT = {
    "political_ideology": "Tuyệt đối trung thành với Đảng, kiên định chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh.",
    "ethics_lifestyle": "Giữ gìn phẩm chất đạo đức, lối sống trong sạch, giản dị; không vi phạm những điều đảng viên không được làm.",
    "discipline": "Chấp hành nghiêm nguyên tắc tập trung dân chủ, sự phân công của tổ chức; sinh hoạt chi bộ đầy đủ.",
    "task_results": "Hoàn thành các nhiệm vụ được giao đúng tiến độ; tham gia tích cực phong trào ở khu dân cư.",
    "limitations": "Có lúc chưa chủ động nghiên cứu nghị quyết; năm tới dành thời gian tự học, tự rèn luyện.",
}


def _seed_self_reviews(ctx, period) -> int:
    """Most members of the demo secretary's cell have written their self-review in the open period; the
    demo member (dangvien) has not, so they find the form to fill in."""
    from xaydungdang.access.models import Assignment
    from xaydungdang.members.models import Member
    from xaydungdang.reviews.models import SelfReview
    from xaydungdang.reviews.self_reviews import form_for

    cell = Assignment.objects.filter(user__username="bithu").values_list("organization_id", flat=True).first()
    if cell is None:
        return 0
    members = Member.objects.filter(organization_id=cell, status__in=("probationary", "official"), user__isnull=True)
    rows = [
        SelfReview(
            period=period,
            member=member,
            form=form_for(member, ctx.today),
            proposed_level=ctx.rng.choice([Level.GOOD, Level.GOOD, Level.COMPLETED, Level.EXCELLENT]),
            submitted_at=timezone.now(),
            **SELF_REVIEW_TEXT,
        )
        for member in members.order_by("pk")
        if ctx.rng.random() < 0.7
    ]
    SelfReview.objects.bulk_create(rows)
    return len(rows)


def _quota_group(org, by_path) -> int:
    for end in range(len(org.path), 0, -4):
        candidate = by_path.get(org.path[:end])
        if candidate and candidate.kind in GRASSROOTS_KINDS:
            return candidate.id
    return org.id


def _row(ctx, period, dossier, level: str, **fields) -> Review:
    low, high, progress = SHAPE[level] if level else (0, 0, TaskProgress.ON_TIME)
    score = ctx.rng.randint(low, high) if level else None
    scores = {"general": str(round(score * 0.3)), "results": str(score - round(score * 0.3))} if level else {}
    return Review(
        period=period,
        dossier=dossier,
        scores=scores,
        score=score,
        task_progress=progress,
        level=level,
        proposed_level=level,
        reasons=[],
        **fields,
    )


def _pick(ctx) -> str:
    roll = ctx.rng.random()
    if roll < 0.02:
        return Level.FAILED
    if roll < 0.10:
        return Level.COMPLETED
    return Level.EXCELLENT if roll > 0.80 else Level.GOOD


def _seed_year(ctx, period, orgs) -> None:
    by_path = {o.path: o for o in orgs}
    org_by_id = {o.id: o for o in orgs}
    params = rules.Params.on(period.ends_on)
    now = timezone.now()
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            period=period,
            organization=o,
            status=DossierStatus.APPROVED,
            submitted_at=now,
            decided_at=now,
            decided_by=acting_user(ctx.actor),
        )
        for o in orgs
        if o.id != ctx.province.id
    )
    dossier_of = {d.organization_id: d for d in dossiers}
    memberships = list(
        MembershipPeriod.objects.of(None, on=period.ends_on)
        .filter(organization_id__in=dossier_of)
        .values_list("member_id", "organization_id", "is_exempted", "member__admission_date")
    )
    disciplined = set(
        MembershipEvent.objects.filter(
            kind=EventKind.DISCIPLINED, effective_date__range=(period.starts_on, period.ends_on)
        ).values_list("member_id", flat=True)
    )
    failed_before = set(
        Review.objects.filter(period__year=period.year - 1, period__kind="year", level=Level.FAILED).values_list(
            "member_id", flat=True
        )
    )
    rows, groups = [], defaultdict(list)
    for member_id, org_id, exempted, admitted in memberships:
        not_rated = rules.member_not_rated(
            admission_date=admitted, is_exempted=exempted, start=period.starts_on, end=period.ends_on, params=params
        )
        if not_rated:
            level = ""
        elif member_id in disciplined or (member_id in failed_before and ctx.rng.random() < 0.3):
            level = Level.FAILED
        else:
            level = _pick(ctx)
        row = _row(
            ctx,
            period,
            dossier_of[org_id],
            level,
            member_id=member_id,
            not_rated=not_rated,
            disciplined=member_id in disciplined,
            self_assessed=ctx.rng.random() < 0.96,
        )
        rows.append(row)
        groups[_quota_group(org_by_id[org_id], by_path)].append(row)
    for group_rows in groups.values():
        _respect_quota(ctx, group_rows, params)
    for org in orgs:
        if org.id in dossier_of:
            level = (
                Level.EXCELLENT
                if ctx.rng.random() < 0.15
                else (Level.COMPLETED if ctx.rng.random() < 0.04 else Level.GOOD)
            )
            rows.append(_row(ctx, period, dossier_of[org.id], level, organization_id=org.id, self_assessed=True))
    Review.objects.bulk_create(rows, batch_size=2000)
    tally_rows_added(rows, approved=True)  # the seeded dossiers are approved


def _respect_quota(ctx, rows, params) -> None:
    """Demote the excess "excellent" of a grassroots organization to "good", as the committee would."""
    excellent = [r for r in rows if r.level == Level.EXCELLENT]
    good = sum(1 for r in rows if r.level == Level.GOOD)
    allowed = rules.excellent_quota(excellent=len(excellent), good=good, params=params).allowed
    ctx.rng.shuffle(excellent)
    for row in excellent[allowed:]:
        low, high, progress = SHAPE[Level.GOOD]
        row.level = row.proposed_level = Level.GOOD
        row.score, row.task_progress = ctx.rng.randint(low, high), progress
        row.scores = {"general": str(round(row.score * 0.3)), "results": str(row.score - round(row.score * 0.3))}
