"""members_validate_columns: the import's check of many new records, column by column, gives each record the
messages the field-by-field check gives it (the column at once where that is certain, else value by value)."""

import datetime as dt
from random import Random

import pytest

from xaydungdang.core import parameters
from xaydungdang.members import services
from xaydungdang.members.services import members_validate_columns

VALID = {
    "full_name": "Nguyễn Văn An",
    "gender": "male",
    "birth_date": dt.date(1970, 1, 2),
    "ethnicity": "01",
    "religion": "none",
    "national_id": "092070000123",
    "hometown": "Cần Thơ",
    "address": "Số 1 đường Thử nghiệm",
    "phone": "0901234567",
    "admission_decision_date": None,
    "admission_date": dt.date(1995, 5, 6),
    "official_date": dt.date(1996, 5, 7),
    "party_card_number": "",
    "record_number": "B0000001",
    "education_level": "",
    "qualification": "bachelor",
    "theory_level": "elementary",
    "occupation": "farmer",
}
WRONG = {
    "full_name": ["12345", "x" * 151, "", None],
    "gender": ["other", ""],
    "birth_date": [dt.date(2015, 1, 1), dt.date(2090, 1, 1), None],
    "ethnicity": ["99", ""],
    "religion": ["unknown"],
    "national_id": ["12", "0920700001234", "999070000123", "092170000123", ""],
    "hometown": ["y" * 256],
    "phone": ["9" * 21],
    "admission_date": [dt.date(1980, 1, 1), None, dt.date(2090, 1, 1)],
    "official_date": [dt.date(1995, 5, 6)],
    "party_card_number": ["c" * 21],
    "record_number": ["B" * 13],
    "education_level": ["zz"],
    "occupation": ["nope"],
}


def _columns(count: int, wrong: float, random: Random) -> tuple[dict[str, list], list[set[str]]]:
    columns = {
        name: [
            random.choice(WRONG[name]) if name in WRONG and random.random() < wrong else value for _i in range(count)
        ]
        for name, value in VALID.items()
    }
    skip = [set(random.sample(sorted(WRONG), 2)) if random.random() < 0.1 else set() for _i in range(count)]
    return columns, skip


def _value_by_value(monkeypatch, columns, skip):
    with monkeypatch.context() as patched:
        patched.setattr(services, "_column_passes", lambda field, values: False)
        return members_validate_columns(columns, skip=skip)


@pytest.mark.django_db
@pytest.mark.parametrize("wrong", [0.0, 0.01, 0.3])
def test_a_chunk_gets_the_messages_of_the_check_value_by_value(monkeypatch, wrong):
    random = Random(wrong)
    with parameters.cached():
        for _chunk in range(5):
            columns, skip = _columns(200, wrong, random)
            assert members_validate_columns(columns, skip=skip) == _value_by_value(monkeypatch, columns, skip)


@pytest.mark.django_db
def test_a_valid_chunk_has_no_errors_and_a_wrong_value_its_field_message():
    columns = {name: [value] * 3 for name, value in VALID.items()}
    assert members_validate_columns(columns, skip=[set()] * 3) == [{}, {}, {}]
    columns["address"][1] = "a" * 256
    columns["full_name"][2] = "12345"
    errors = members_validate_columns(columns, skip=[set()] * 3)
    assert errors[0] == {}
    assert errors[1] == {"address": ["Giá trị này chỉ có tối đa 255 kí tự (hiện có 256)"]}
    assert errors[2] == {"full_name": ["Họ và tên phải có chữ cái, không thể chỉ gồm chữ số hay ký hiệu."]}


@pytest.mark.django_db
def test_the_age_limits_are_those_in_force_on_each_record_s_admission_date():
    from xaydungdang.core.models import RuleSetting

    RuleSetting.objects.create(
        key="admission.min_age_months", value=240, legal_basis="thử nghiệm", valid_from=dt.date(2020, 1, 1)
    )
    columns = {name: [value] * 2 for name, value in VALID.items()}
    columns["birth_date"] = [dt.date(2000, 6, 1), dt.date(2000, 6, 1)]
    columns["national_id"] = ["092200000123", "092200000124"]
    columns["admission_date"] = [dt.date(2019, 12, 31), dt.date(2020, 5, 1)]
    columns["official_date"] = [None, None]
    with parameters.cached():
        errors = members_validate_columns(columns, skip=[set(), set()])
    assert errors[0] == {}
    assert errors[1] == {"admission_date": ["Tuổi khi kết nạp (19 năm 11 tháng) chưa đủ 20 tuổi theo quy định."]}
