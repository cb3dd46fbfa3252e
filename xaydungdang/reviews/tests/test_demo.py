import datetime as dt
import random

from xaydungdang.core.demo import DemoContext
from xaydungdang.reviews import demo, rules
from xaydungdang.reviews.choices import Level
from xaydungdang.reviews.models import Review, ReviewPeriod
from xaydungdang.reviews.tally import tally_differences


def test_demo_seeds_three_locked_years_and_an_open_one(users, tree):
    ctx = DemoContext(
        rng=random.Random(7),
        province=tree.province,
        today=dt.date(2025, 11, 20),
        actor=users.admin,
        member_count=5,
        write=lambda s: None,
    )
    demo.seed(ctx)
    periods = list(ReviewPeriod.objects.order_by("year").values_list("year", "is_locked"))
    assert periods == [(2022, True), (2023, True), (2024, True), (2025, False)]
    assert Review.objects.filter(period__year=2024, member__isnull=False).count() == 5
    assert tally_differences() == []  # the seed's bulk rows are counted in the tallies too
    for year in (2022, 2023, 2024):  # the quota holds in every grassroots organization
        for group in (tree.school, tree.village_a, tree.village_b):
            rows = Review.objects.filter(
                period__year=year, member__isnull=False, dossier__organization__path__startswith=group.path
            )
            quota = rules.excellent_quota(
                excellent=rows.filter(level=Level.EXCELLENT).count(), good=rows.filter(level=Level.GOOD).count()
            )
            assert quota.ok
