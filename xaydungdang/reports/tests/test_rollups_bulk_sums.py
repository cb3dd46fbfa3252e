"""reports.rollups.bulk.Sums (the summed deltas of a large import, kept per set of rollup organizations
and kind of member) equals the sum of the reference's deltas (contributions.deltas of each footprint)."""

import datetime as dt
from collections import Counter
from random import Random

import pytest

from xaydungdang.reports.rollups.bulk import Sums
from xaydungdang.reports.rollups.contributions import deltas, footprint

# Organization -> its rollup organizations: two cells of one commune, a cell straight under a province,
# a cell of another province, and one outside every rollup organization.
TARGETS = {11: [1, 2, 3], 12: [1, 2, 3], 21: [1, 4], 31: [1, 5, 6], 99: []}
STATUSES = ["probationary", "official", "official", "resigned", "struck_off", "transferred_out", "deceased"]


def _member(random: Random) -> tuple[dict, list[tuple]]:
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=random.randrange(0, 365 * 50))
    if random.random() < 0.05:
        birth = dt.date(random.choice([1960, 1964, 1972, 1988]), 2, 29)
    member = {
        "gender": random.choice(["male", "female"]),
        "ethnicity": random.choice(["01", "01", "05", ""]),
        "religion": random.choice(["none", "buddhism", ""]),
        "education_level": random.choice(["", "upper_secondary"]),
        "qualification": random.choice(["bachelor", "master", ""]),
        "theory_level": random.choice(["elementary", "intermediate"]),
        "occupation": random.choice(["farmer", "worker", ""]),
        "birth_date": birth,
    }
    day = birth + dt.timedelta(days=365 * 18 + random.randrange(0, 365 * 20))
    party_age_start = random.choice([day, day, None, day + dt.timedelta(days=30)])
    organization = random.choice(list(TARGETS))
    periods = []
    for _ in range(random.randint(1, 4)):
        length = random.choice([0, 1, 200, 365 * 3, 365 * 15])
        end = day + dt.timedelta(days=length) if length and random.random() < 0.8 else None
        periods.append(
            (
                organization,
                random.choice(["official", "official", "temporary"]),
                random.choice(STATUSES),
                random.random() < 0.2,
                day,
                end,
                party_age_start,
            )
        )
        if end is None:
            break
        day = end if random.random() < 0.8 else end + dt.timedelta(days=random.randrange(1, 400))
        if random.random() < 0.4:
            organization = random.choice(list(TARGETS))
    return member, periods


@pytest.mark.parametrize("seed", range(6))
def test_the_sums_are_the_reference_deltas_summed(seed):
    random = Random(seed)
    sums, expected = Sums(), Counter()
    for _ in range(400):
        member, periods = _member(random)
        data = footprint(member, periods, TARGETS)
        if data:
            expected.update(deltas(data))
            sums.add(member, periods, data["periods"], TARGETS)
    assert dict(sums.items()) == {key: delta for key, delta in expected.items() if delta}
