"""Retirement age by the year it is reached (Bộ luật Lao động 2019 Điều 169; NĐ 135/2020/NĐ-CP): one rule for
every app that needs it (fees: the rate bracket; committees: the working age left at a congress)."""

import datetime as dt

from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months
from xaydungdang.members.choices import Gender


def _retirement_schedule() -> list[list[int]]:
    """[year, months for men, months for women]: from 2021 men +3 months a year up to 62 years (2028), women
    +4 months a year up to 60 years (2035); before 2021, 60 and 55."""
    rows = []
    for year in range(2021, 2036):
        step = year - 2020
        rows.append([year, min(60 * 12 + 3 * step, 62 * 12), min(55 * 12 + 4 * step, 60 * 12)])
    return rows


RETIREMENT_SCHEDULE = parameters.define(
    "members.retirement_age_schedule",
    _retirement_schedule(),
    legal_basis="Bộ luật Lao động 2019 Điều 169; NĐ 135/2020/NĐ-CP Phụ lục I (tuổi nghỉ hưu theo năm, nam, nữ)",
    description="Tuổi nghỉ hưu theo năm đến tuổi: [năm, số tháng tuổi của nam, số tháng tuổi của nữ]",
)


def _months_for(schedule: list[list[int]], gender: str, year: int) -> int:
    column = 1 if gender == Gender.MALE else 2
    if year < schedule[0][0]:
        return 60 * 12 if gender == Gender.MALE else 55 * 12
    row = next((r for r in schedule if r[0] == year), schedule[-1])
    return row[column]


def retirement_date(birth_date: dt.date, gender: str, on: dt.date | None = None) -> dt.date:
    """The day a person reaches retirement age: the first year whose scheduled age they reach within it
    (NĐ 135/2020: the age applies by the year one reaches it). `on` picks the schedule in force then."""
    schedule = parameters.value(RETIREMENT_SCHEDULE.key, on=on)
    year = birth_date.year + 50
    while True:
        day = add_months(birth_date, _months_for(schedule, gender, year))
        if day.year <= year:
            return day
        year += 1
