"""Demo data of the reports app: admission plans for this year, then the rollups rebuilt.

seed_demo bulk-inserts members and periods (bypassing the member services' hook), so the rollups
must be rebuilt from the raw rows after them; this seed does it.
"""

from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.rollups.rebuild import rebuild
from xaydungdang.reports.services import admission_plan_set


def seed(ctx) -> None:
    year = ctx.today.year
    communes = Organization.objects.filter(path__startswith=ctx.province.path, kind=OrganizationKind.UPPER_GRASSROOTS)
    for organization in communes.active():
        admission_plan_set(actor=ctx.actor, organization=organization, year=year, planned=ctx.rng.randint(5, 40))
    counts = rebuild()
    ctx.write(
        f"reports: kế hoạch kết nạp năm {year}; tổng hợp lại {counts['members']} đảng viên, "
        f"{counts['days']} dòng theo ngày, {counts['months']} dòng theo tháng"
    )
