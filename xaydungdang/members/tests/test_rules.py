import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xaydungdang.members import rules


def test_valid_cccd_has_no_error():
    assert rules.cccd_errors("092085000123", gender="male", birth_date=dt.date(1985, 3, 15)) == []


def test_cccd_must_have_twelve_digits():
    assert rules.cccd_errors("09208500012", gender="male", birth_date=None) == ["Số CCCD phải gồm đúng 12 chữ số."]
    assert rules.cccd_errors("09208500012a", gender="male", birth_date=None) == ["Số CCCD phải gồm đúng 12 chữ số."]


def test_cccd_names_the_unknown_province_code():
    (message,) = rules.cccd_errors("003085000123", gender="male", birth_date=dt.date(1985, 1, 1))
    assert "ba chữ số đầu (003)" in message


def test_cccd_names_the_gender_digit_that_disagrees():
    (message,) = rules.cccd_errors("092185000123", gender="male", birth_date=dt.date(1985, 1, 1))
    assert "chữ số thứ 4 (1)" in message and "nữ" in message


def test_cccd_names_the_century_and_year_digits_that_disagree():
    messages = rules.cccd_errors("092201000123", gender="male", birth_date=dt.date(1985, 1, 1))
    assert any("thế kỷ sinh 2000–2099" in m for m in messages)
    assert any("chữ số thứ 5–6 (01)" in m for m in messages)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(["male", "female"]))
def test_a_cccd_built_from_the_data_always_agrees_with_it(birth_date, gender):
    century_digit = (birth_date.year // 100 - 19) * 2 + (1 if gender == "female" else 0)
    national_id = f"092{century_digit}{birth_date.year % 100:02d}123456"
    assert rules.cccd_errors(national_id, gender=gender, birth_date=birth_date) == []


@pytest.mark.django_db
def test_admission_age_counts_months():
    born = dt.date(2000, 6, 15)
    assert rules.admission_age_error(birth_date=born, admitted_on=dt.date(2018, 6, 15)) is None
    message = rules.admission_age_error(birth_date=born, admitted_on=dt.date(2018, 6, 14))
    assert message == "Tuổi khi kết nạp (17 năm 11 tháng) chưa đủ 18 tuổi theo quy định."


@pytest.mark.django_db
def test_admission_over_sixty_is_refused_with_the_rule():
    message = rules.admission_age_error(birth_date=dt.date(1950, 1, 1), admitted_on=dt.date(2010, 2, 1))
    assert "quá 60 tuổi" in message


@pytest.mark.django_db
def test_admission_age_limit_is_a_setting_that_a_deployment_can_override():
    from xaydungdang.core.models import RuleSetting

    RuleSetting.objects.create(
        key="admission.min_age_months", value=240, legal_basis="thử nghiệm", valid_from=dt.date(2020, 1, 1)
    )
    message = rules.admission_age_error(birth_date=dt.date(2001, 1, 1), admitted_on=dt.date(2020, 6, 1))
    assert message and "chưa đủ 20 tuổi" in message


@pytest.mark.django_db
def test_dates_in_the_future_and_official_before_admission_are_refused():
    today = dt.date(2026, 1, 1)
    with pytest.raises(Exception) as excinfo:
        rules.validate_member_dates(
            birth_date=dt.date(1990, 1, 1),
            admission_decision_date=None,
            admission_date=dt.date(2015, 1, 1),
            official_date=dt.date(2014, 1, 1),
            today=today,
        )
    assert excinfo.value.message_dict == {"official_date": ["Ngày chính thức phải sau ngày vào Đảng."]}
    with pytest.raises(Exception) as excinfo:
        rules.validate_member_dates(
            birth_date=dt.date(2027, 1, 1),
            admission_decision_date=None,
            admission_date=None,
            official_date=None,
            today=today,
        )
    assert excinfo.value.message_dict == {"birth_date": ["Ngày không được ở tương lai."]}
