"""Who the members are: gender, age, ethnicity, religion, schooling and work, by the kind of cell.

A hamlet cell is older and more often farmers and retirees; a school cell is mostly women teachers
with degrees; a police cell is young men. Shares for Cần Thơ: Kinh ≈ 96.5%, Khmer ≈ 2%, Hoa ≈ 1.2%.
"""

import datetime as dt
from dataclasses import dataclass
from random import Random

from xaydungdang.demo.names import Weighted
from xaydungdang.members.choices import EducationLevel as E
from xaydungdang.members.choices import Occupation as O
from xaydungdang.members.choices import Qualification as Q
from xaydungdang.members.choices import Religion as R
from xaydungdang.members.choices import TheoryLevel as T


@dataclass(frozen=True)
class Profile:
    female: float  # share of women
    ages: tuple[int, int]  # current age of working members (years)
    retirees: float  # share of members past working age (60–92), hamlet cells only
    qualification: Weighted
    theory: Weighted
    occupation: str


def _w(table: dict) -> Weighted:
    return Weighted({str(key): value for key, value in table.items()})


DEGREES = _w({Q.BACHELOR: 72, Q.MASTER: 20, Q.COLLEGE: 5, Q.DOCTOR: 3})
PROFILES: dict[str, Profile] = {
    "village": Profile(0.30, (24, 60), 0.45, _w({Q.NONE: 55, Q.VOCATIONAL: 25, Q.COLLEGE: 6, Q.BACHELOR: 14}),
                       _w({T.NONE: 30, T.ELEMENTARY: 62, T.INTERMEDIATE: 8}), O.FARMER),
    "commune_agency": Profile(0.35, (24, 60), 0, _w({Q.BACHELOR: 80, Q.MASTER: 8, Q.COLLEGE: 7, Q.VOCATIONAL: 5}),
                              _w({T.ELEMENTARY: 25, T.INTERMEDIATE: 65, T.ADVANCED: 10}), O.COMMUNE_OFFICIAL),
    "police": Profile(0.12, (21, 55), 0, _w({Q.VOCATIONAL: 35, Q.BACHELOR: 55, Q.MASTER: 10}),
                      _w({T.ELEMENTARY: 55, T.INTERMEDIATE: 40, T.ADVANCED: 5}), O.ARMED_FORCES),
    "military": Profile(0.08, (21, 55), 0, _w({Q.VOCATIONAL: 40, Q.BACHELOR: 52, Q.MASTER: 8}),
                        _w({T.ELEMENTARY: 55, T.INTERMEDIATE: 40, T.ADVANCED: 5}), O.ARMED_FORCES),
    "health": Profile(0.60, (24, 60), 0, _w({Q.COLLEGE: 30, Q.BACHELOR: 50, Q.MASTER: 12, Q.DOCTOR: 3,
                                             Q.VOCATIONAL: 5}),
                      _w({T.ELEMENTARY: 70, T.INTERMEDIATE: 25, T.ADVANCED: 5}), O.PUBLIC_EMPLOYEE),
    "teacher": Profile(0.65, (23, 58), 0, _w({Q.BACHELOR: 78, Q.MASTER: 12, Q.COLLEGE: 10}),
                       _w({T.ELEMENTARY: 75, T.INTERMEDIATE: 22, T.ADVANCED: 3}), O.PUBLIC_EMPLOYEE),
    "province_agency": Profile(0.42, (25, 60), 0, DEGREES,
                               _w({T.ELEMENTARY: 20, T.INTERMEDIATE: 45, T.ADVANCED: 30, T.BACHELOR: 5}),
                               O.CIVIL_SERVANT),
    "university": Profile(0.50, (19, 62), 0, DEGREES, _w({T.NONE: 20, T.ELEMENTARY: 60, T.INTERMEDIATE: 20}),
                          O.PUBLIC_EMPLOYEE),
    "enterprise": Profile(0.35, (22, 58), 0, _w({Q.VOCATIONAL: 40, Q.COLLEGE: 20, Q.BACHELOR: 35, Q.MASTER: 5}),
                          _w({T.NONE: 20, T.ELEMENTARY: 70, T.INTERMEDIATE: 10}), O.ENTERPRISE),
}  # fmt: skip

ETHNICITY = Weighted({"01": 96.5, "05": 2.0, "04": 1.2, "17": 0.1, "02": 0.06, "06": 0.05, "03": 0.05, "07": 0.04})
RELIGION = {
    "01": _w({R.NONE: 94.0, R.BUDDHISM: 3.5, R.CATHOLICISM: 0.8, R.HOA_HAO: 0.8, R.CAO_DAI: 0.6,
              R.PROTESTANTISM: 0.2, R.OTHER: 0.1}),
    "05": _w({R.BUDDHISM: 85, R.NONE: 15}),
    "04": _w({R.NONE: 65, R.BUDDHISM: 35}),
    "17": _w({R.ISLAM: 90, R.NONE: 10}),
}  # fmt: skip
VILLAGE_WORK = _w({O.FARMER: 50, O.OTHER: 22, O.ENTERPRISE: 10, O.COMMUNE_OFFICIAL: 10, O.BUSINESS_OWNER: 5,
                   O.STUDENT: 3})  # fmt: skip
RETIRED_WORK = _w({O.RETIRED: 62, O.FARMER: 30, O.OTHER: 8})


def age_years(rng: Random, profile: Profile) -> int:
    if profile.retirees and rng.random() < profile.retirees:
        return int(rng.triangular(60, 95, 64))
    low, high = profile.ages
    if profile is PROFILES["university"] and rng.random() < 0.3:
        return rng.randint(19, 23)  # student members
    return int(rng.triangular(low, high + 1, (low + high) / 2))


def occupation(rng: Random, profile: Profile, age: int) -> str:
    if profile is PROFILES["village"]:
        return (RETIRED_WORK if age >= 60 else VILLAGE_WORK).pick(rng)
    if profile is PROFILES["university"] and age < 24:
        return O.STUDENT
    return profile.occupation


def schooling(rng: Random, profile: Profile, birth_year: int, work: str) -> tuple[str, str, str]:
    """(general education, professional qualification, political theory), consistent with work and age."""
    if work == O.STUDENT:
        return E.UPPER_SECONDARY, Q.NONE, T.ELEMENTARY
    qualification = profile.qualification.pick(rng)
    if work in (O.FARMER, O.RETIRED, O.OTHER) and birth_year < 1965 and qualification != Q.NONE:
        qualification = Q.NONE if rng.random() < 0.6 else qualification
    if qualification == Q.NONE and birth_year < 1970:
        education = E.PRIMARY if rng.random() < 0.25 else E.LOWER_SECONDARY if rng.random() < 0.6 else E.UPPER_SECONDARY
    elif qualification == Q.NONE:
        education = E.LOWER_SECONDARY if rng.random() < 0.3 else E.UPPER_SECONDARY
    else:
        education = E.UPPER_SECONDARY
    return education, qualification, profile.theory.pick(rng)


def birth_date(rng: Random, today: dt.date, age: int) -> dt.date:
    start = dt.date(today.year - age - 1, today.month, 1)
    return start + dt.timedelta(days=rng.randrange(365))
