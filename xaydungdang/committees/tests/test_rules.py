import datetime as dt

import pytest

from xaydungdang.committees import rules
from xaydungdang.core.models import RuleSetting
from xaydungdang.members.choices import Gender


@pytest.mark.parametrize(
    ("birth", "gender", "expected"),
    [
        # NĐ 135/2020 Phụ lục I: men 60y3m in 2021, 62 from 2028; women 55y4m in 2021, 60 from 2035.
        (dt.date(1961, 1, 15), Gender.MALE, dt.date(2021, 4, 15)),
        (dt.date(1966, 5, 10), Gender.MALE, dt.date(2028, 5, 10)),
        (dt.date(1970, 1, 1), Gender.MALE, dt.date(2032, 1, 1)),
        (dt.date(1966, 1, 1), Gender.FEMALE, dt.date(2021, 5, 1)),
        (dt.date(1975, 6, 1), Gender.FEMALE, dt.date(2035, 6, 1)),
        (dt.date(1957, 3, 1), Gender.MALE, dt.date(2017, 3, 1)),
    ],
)
def test_retirement_date_follows_the_yearly_schedule(db, birth, gender, expected):
    assert rules.retirement_date(birth, gender) == expected


def test_retirement_schedule_is_a_dated_setting(db):
    RuleSetting.objects.create(
        key=rules.RETIREMENT_SCHEDULE.key,
        value=[[2021, 62 * 12, 60 * 12]],
        legal_basis="thử",
        valid_from=dt.date(2030, 1, 1),
    )
    birth = dt.date(1970, 1, 1)
    assert rules.retirement_date(birth, Gender.MALE, on=dt.date(2025, 1, 1)) == dt.date(2032, 1, 1)
    assert rules.retirement_date(birth, Gender.FEMALE, on=dt.date(2031, 1, 1)) == dt.date(2030, 1, 1)


def test_first_time_member_needs_one_full_term_counted_at_the_congress_month(db):
    # Retires 01/10/2030 (born 01/10/1968, male: 62 years). Congress in 10/2025: exactly 60 months.
    ok = rules.congress_age_error(
        name="A",
        birth_date=dt.date(1968, 10, 1),
        gender=Gender.MALE,
        congress_date=dt.date(2025, 10, 20),
        reelected=False,
    )
    assert ok is None
    short = rules.congress_age_error(
        name="A",
        birth_date=dt.date(1968, 9, 1),
        gender=Gender.MALE,
        congress_date=dt.date(2025, 10, 20),
        reelected=False,
    )
    assert "còn 59 tháng" in short and "tham gia cấp ủy lần đầu" in short and "CT 45-CT/TW" in short


def test_reelected_member_needs_48_months(db):
    # Born 01/10/1969 male: retires 01/10/2031; congress 10/2027 leaves 48 months.
    base = {"name": "B", "gender": Gender.MALE, "reelected": True}
    assert rules.congress_age_error(birth_date=dt.date(1969, 10, 1), congress_date=dt.date(2027, 10, 5), **base) is None
    error = rules.congress_age_error(birth_date=dt.date(1969, 10, 1), congress_date=dt.date(2027, 11, 5), **base)
    assert "còn 47 tháng" in error and "tái cử" in error and "48" in error


@pytest.mark.parametrize(("form", "months"), [("reprimand", 24), ("warning", 36), ("removal_from_post", 60)])
def test_discipline_blocks_a_higher_post_for_its_months(db, form, months):
    day = dt.date(2024, 3, 1)
    from xaydungdang.core.dates import add_months

    until = add_months(day, months)
    blocked = rules.discipline_block(name="C", disciplines=[(form, day)], on=until - dt.timedelta(days=1))
    assert f"sau {months} tháng" in blocked and "QĐ 377-QĐ/TW" in blocked
    assert rules.discipline_block(name="C", disciplines=[(form, day)], on=until) is None


def test_age_bands(db):
    assert [rules.age_band(a) for a in (30, 44, 45, 50, 51)] == [0, 0, 1, 1, 2]
