"""The one "not in the future" rule and the services that call it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.core.dates import today
from xaydungdang.core.validators import (
    IN_FUTURE,
    future_errors,
    is_in_future,
    require_not_in_future,
    validate_not_in_future,
)


def test_today_is_not_in_the_future_tomorrow_is():
    assert not is_in_future(today())
    assert is_in_future(today() + dt.timedelta(days=1))
    assert not is_in_future(None)


def test_errors_name_each_future_field_with_the_callers_words():
    tomorrow = today() + dt.timedelta(days=1)
    errors = future_errors("Ngày nộp không được ở tương lai.", paid_on=tomorrow, received_on=today(), other=None)
    assert errors == {"paid_on": ["Ngày nộp không được ở tương lai."]}


def test_on_a_given_day():
    day = dt.date(2020, 1, 1)
    assert future_errors(on=day, a=dt.date(2020, 1, 2)) == {"a": [IN_FUTURE]}
    assert future_errors(on=day, a=day) == {}


def test_require_and_field_validator_raise():
    tomorrow = today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        require_not_in_future(effective_date=tomorrow)
    assert exc.value.message_dict == {"effective_date": [str(IN_FUTURE)]}
    with pytest.raises(ValidationError):
        validate_not_in_future(tomorrow)
    validate_not_in_future(today())


def test_no_service_spells_the_rule_on_its_own():
    """Every "> today" comparison of a user's date goes through core.validators (one owner of the rule)."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    spelled = re.compile(r"(if|and|or)\s+[\w.]+\s*>\s*(today\(\)|today\b|now\b|timezone\.localdate\(\))")
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "validators.py":
            continue
        if "demo" in path.parts or path.name == "demo.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if spelled.search(line):
                offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []
