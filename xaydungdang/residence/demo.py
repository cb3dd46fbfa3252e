"""Demo residence liaison: working members of agencies, schools and enterprises introduced to hamlet cells
(mẫu 1-213), the demo secretary's cell among them; last year's comments (mẫu 3-213) for most of them, this
year's for some, and a few HD 33 exemptions."""

import datetime as dt

from xaydungdang.access.models import Assignment
from xaydungdang.members.choices import ACTIVE_STATUSES, Occupation
from xaydungdang.members.models import Member
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS, Sector
from xaydungdang.organizations.models import Organization
from xaydungdang.residence import services
from xaydungdang.residence.choices import Exemption
from xaydungdang.residence.models import Introduction

WORKING = [Occupation.CIVIL_SERVANT, Occupation.PUBLIC_EMPLOYEE, Occupation.ENTERPRISE, Occupation.ARMED_FORCES]
COUNT = 40
COMMENTS = [
    "Đồng chí gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định nơi cư trú; "
    "tham gia đầy đủ các buổi họp tổ dân phố.",
    "Gia đình đồng chí gương mẫu; đồng chí tích cực ủng hộ các phong trào của khu dân cư, giữ mối quan hệ tốt với "
    "nhân dân.",
    "Đồng chí thực hiện tốt nghĩa vụ công dân; đôi khi chưa tham gia đầy đủ sinh hoạt khu dân cư do bận công tác.",
]


def seed(ctx) -> None:
    if Introduction.objects.exists():
        return
    hamlets = list(
        Organization.objects.filter(
            path__startswith=ctx.province.path, sector=Sector.VILLAGE, kind__in=MEMBER_HOLDING_KINDS
        ).order_by("path")
    )
    if not hamlets:
        return
    demo_cell = Assignment.objects.filter(user__username="bithu").values_list("organization_id", flat=True).first()
    first = [h for h in hamlets if h.pk == demo_cell]
    workers = list(
        Member.objects.filter(organization__path__startswith=ctx.province.path, status__in=ACTIVE_STATUSES)
        .filter(occupation__in=WORKING)
        .exclude(organization__sector=Sector.VILLAGE)
        .select_related("organization")
        .order_by("pk")[: COUNT * 3]
    )
    ctx.rng.shuffle(workers)
    year = ctx.today.year
    made = commented = 0
    for index, member in enumerate(workers[:COUNT]):
        residence = first[0] if first and index < 6 else ctx.rng.choice(hamlets)
        letter_date = dt.date(year - ctx.rng.randint(1, 3), ctx.rng.randint(1, 6), ctx.rng.randint(1, 28))
        exemption = Exemption.MOBILE if index % 13 == 12 else Exemption.FULL_TIME_STUDY if index % 17 == 16 else ""
        introduction = services.introduction_create(
            actor=ctx.actor,
            member=member,
            residence_organization=residence,
            letter_number=f"{ctx.rng.randint(10, 250)}-GGT/ĐU",
            letter_date=letter_date,
            exemption=exemption,
        )
        made += 1
        if exemption:
            continue
        years = range(letter_date.year, year + (1 if index % 3 == 0 else 0))
        for comment_year in years:
            if index < 3 and comment_year == year:
                continue  # the demo secretary still has this year's comments to write
            services.comment_enter(
                actor=ctx.actor,
                introduction=introduction,
                year=comment_year,
                text=ctx.rng.choice(COMMENTS),
                commented_on=min(dt.date(comment_year, 11, ctx.rng.randint(1, 25)), ctx.today),
                commenter=f"Bí thư {residence.name}",
            )
            commented += 1
    ctx.write(f"  {made} đảng viên giới thiệu về nơi cư trú, {commented} nhận xét")
