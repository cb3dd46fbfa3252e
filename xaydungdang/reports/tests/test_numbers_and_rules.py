import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xaydungdang.core.numbers import vn_decimal, vn_int, vn_percent
from xaydungdang.reports.compare import change_phrase
from xaydungdang.reports.dimensions import age_band, anniversary, completed_years, latest_birth_for_age
from xaydungdang.reports.rules import achievement_rate
from xaydungdang.reports.selectors.admissions import _top_plans


@pytest.mark.parametrize(
    ("value", "text"), [(2517, "2.517"), (0, "0"), (188, "188"), (5_500_000, "5.500.000"), (-1200, "-1.200")]
)
def test_integers_group_thousands_with_dots(value, text):
    assert vn_int(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("53.6"), "53,6%"),
        (150, "150%"),
        (Decimal("12.55"), "12,6%"),
        (Decimal("1234.5"), "1.234,5%"),
        (None, ""),
    ],
)
def test_percentages_use_a_decimal_comma_and_drop_a_zero_decimal(value, text):
    assert vn_percent(value) == text


def test_decimals_keep_the_places_asked_for():
    assert vn_decimal(Decimal("2.345"), 2) == "2,35"


def test_achievement_rate_is_admissions_over_plan_to_one_decimal():
    assert achievement_rate(134, 250) == Decimal("53.6")
    assert achievement_rate(3, 2) == Decimal("150.0")
    assert achievement_rate(5, 0) is None and achievement_rate(5, None) is None


def test_change_phrases():
    assert change_phrase(98, 59, "chi bộ") == "từ 98 chi bộ xuống còn 59 chi bộ"
    assert change_phrase(2400, 2517, "đảng viên") == "từ 2.400 đảng viên tăng lên 2.517 đảng viên"
    assert change_phrase(26, 26, "tổ chức cơ sở đảng") == "giữ nguyên 26 tổ chức cơ sở đảng"


def test_a_higher_plan_covers_the_plans_below_it():
    assert _top_plans([("0001", 10), ("00010001", 4), ("00010002", 3), ("0002", 5)]) == [("0001", 10), ("0002", 5)]


@given(
    st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2010, 12, 31)),
    st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2090, 12, 31)),
)
def test_sql_thresholds_agree_with_completed_years(birth, on):
    for years in (18, 31, 41, 51, 61):
        assert (birth <= latest_birth_for_age(on, years)) == (completed_years(birth, on) >= years)
        assert (anniversary(birth, years) <= on) == (completed_years(birth, on) >= years)


def test_age_band_edges():
    assert age_band(dt.date(1995, 1, 10), dt.date(2026, 1, 9)) == "18_30"
    assert age_band(dt.date(1995, 1, 10), dt.date(2026, 1, 10)) == "31_40"


@pytest.mark.parametrize(
    ("value", "text"), [(Decimal("0.04"), "<0,1%"), (Decimal("0.05"), "0,1%"), (0, "0%"), (Decimal("12.21"), "12,2%")]
)
def test_a_rate_that_is_not_zero_never_reads_zero(value, text):
    assert vn_percent(value) == text


def test_a_count_and_its_share_read_the_vietnamese_way():
    from xaydungdang.core.numbers import vn_count_share, vn_rate

    assert vn_count_share(1843, 15094) == "1.843 (12,2%)"
    assert vn_count_share(11711, 0) == "11.711"
    assert vn_rate(None) == "—" and vn_rate(Decimal("15.38")) == "15,4%"


def test_the_review_and_fee_filters_are_the_core_ones():
    from xaydungdang.fees.templatetags.fee_money import dong
    from xaydungdang.reviews.templatetags.reviews_tags import vn_rate as review_rate

    assert review_rate(Decimal("12.21")) == "12,2%" and dong(11711) == "11.711"
