import datetime as dt

import pytest

from xaydungdang.members.choices import Gender, Occupation, Qualification, Religion, TheoryLevel
from xaydungdang.members.tests.factories import MemberFactory


@pytest.fixture
def varied(tree, members):
    """More members with varied attributes and dates, on top of the cast's five."""
    specs = [
        (
            tree.cell_1,
            "Vũ Thị Mai",
            Gender.FEMALE,
            dt.date(2000, 2, 29),
            dt.date(2023, 6, 1),
            None,
            "05",
            Religion.BUDDHISM,
        ),
        (
            tree.cell_2,
            "Hà Văn Dũng",
            Gender.MALE,
            dt.date(1960, 7, 1),
            dt.date(1985, 7, 1),
            dt.date(1986, 7, 1),
            "02",
            Religion.NONE,
        ),
        (
            tree.village_a,
            "Lò Thị Xuân",
            Gender.FEMALE,
            dt.date(1975, 12, 31),
            dt.date(2001, 1, 2),
            dt.date(2002, 1, 2),
            "03",
            Religion.CATHOLICISM,
        ),
        (
            tree.village_b,
            "Đinh Văn Long",
            Gender.MALE,
            dt.date(1993, 1, 1),
            dt.date(2024, 3, 1),
            None,
            "01",
            Religion.NONE,
        ),
    ]
    made = []
    for organization, name, gender, birth, admitted, official, ethnicity, religion in specs:
        made.append(
            MemberFactory(
                organization=organization,
                full_name=name,
                gender=gender,
                birth_date=birth,
                admission_date=admitted,
                admission_decision_date=admitted,
                official_date=official,
                status="official" if official else "probationary",
                ethnicity=ethnicity,
                religion=religion,
                education_level="upper_secondary",
                qualification=Qualification.BACHELOR,
                theory_level=TheoryLevel.INTERMEDIATE,
                occupation=Occupation.PUBLIC_EMPLOYEE,
            )
        )
    return made
