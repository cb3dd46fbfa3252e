"""The dimensions the statistics count members by, their buckets and labels (rules.md §2.10).

Pure functions, no queries: the live SQL counter, the rollups and the tests all bucket a member with
these, so they cannot disagree. Age and party age depend on the report date; they are computed from
"anniversaries" (the date a person turns N), so an age band is exact to the day.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from xaydungdang.core.dates import anniversary, completed_years
from xaydungdang.members.choices import (
    EducationLevel,
    EventKind,
    Gender,
    MemberStatus,
    Occupation,
    Qualification,
    Religion,
    TheoryLevel,
)
from xaydungdang.members.ethnicities import ETHNICITIES, KINH
from xaydungdang.members.lifecycle.rules import party_years

UNKNOWN = ""  # bucket of a blank field (education, occupation not yet entered)
UNKNOWN_LABEL = _("Chưa rõ")

# Age bands the committees report (rules.md §2.10); the lower edge of each band, in completed years.
AGE_BANDS: list[tuple[str, int, str]] = [
    ("u18", 0, _("Dưới 18")),
    ("18_30", 18, _("18–30")),
    ("31_40", 31, _("31–40")),
    ("41_50", 41, _("41–50")),
    ("51_60", 51, _("51–60")),
    ("61", 61, _("Từ 61 trở lên")),
]
# Years of party age (tuổi đảng), as the badge milestones group them. The years are the lifecycle rule's
# (members.lifecycle.rules.party_years), counted from a period's party_age_start: the first admission
# decision plus the days spent outside the Party before that period (rules.md §2.6).
PARTY_AGE_BANDS: list[tuple[str, int, str]] = [
    ("u10", 0, _("Dưới 10 năm")),
    ("10_19", 10, _("10–19 năm")),
    ("20_29", 20, _("20–29 năm")),
    ("30_39", 30, _("30–39 năm")),
    ("40_49", 40, _("40–49 năm")),
    ("50", 50, _("Từ 50 năm trở lên")),
]

MINORITY = "minority"

# What an admission is (kết nạp, and re-admission): an event of these kinds, counted in the subtree of its
# `to_organization` on its effective date. The live selector (reports.selectors.admissions) and the
# rollups (dimension contributions.ADMISSION, both engines) both count these.
ADMISSION_KINDS = (EventKind.ADMITTED, EventKind.READMITTED)

# Dimension key -> (title, [(bucket, label)]). Order is the order of tables and charts.
DIMENSIONS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "status": (
        _("Loại đảng viên"),
        [
            (MemberStatus.PROBATIONARY, MemberStatus.PROBATIONARY.label),
            (MemberStatus.OFFICIAL, MemberStatus.OFFICIAL.label),
        ],
    ),
    "gender": (_("Giới tính"), list(Gender.choices)),
    "minority": (_("Dân tộc"), [("kinh", _("Kinh")), (MINORITY, _("Dân tộc thiểu số"))]),
    "ethnicity": (_("Dân tộc (chi tiết)"), list(ETHNICITIES)),
    "religion": (_("Tôn giáo"), list(Religion.choices)),
    "age_band": (_("Độ tuổi"), [(key, label) for key, _edge, label in AGE_BANDS]),
    "education": (_("Giáo dục phổ thông"), [*EducationLevel.choices, (UNKNOWN, UNKNOWN_LABEL)]),
    "qualification": (_("Chuyên môn nghiệp vụ"), list(Qualification.choices)),
    "theory_level": (_("Lý luận chính trị"), list(TheoryLevel.choices)),
    "occupation": (_("Nghề nghiệp"), [*Occupation.choices, (UNKNOWN, UNKNOWN_LABEL)]),
    "party_age_band": (_("Tuổi đảng"), [(key, label) for key, _edge, label in PARTY_AGE_BANDS]),
    "exempted": (_("Miễn công tác và sinh hoạt đảng"), [("yes", _("Được miễn")), ("no", _("Không miễn"))]),
}

# Dimensions that depend only on the member's record (not on the report date).
STATIC_FIELDS: dict[str, str] = {
    "gender": "gender",
    "ethnicity": "ethnicity",
    "religion": "religion",
    "education": "education_level",
    "qualification": "qualification",
    "theory_level": "theory_level",
    "occupation": "occupation",
}
MEMBER_FIELDS = (*STATIC_FIELDS.values(), "birth_date")


def latest_birth_for_age(on: dt.date, years: int) -> dt.date:
    """The latest birth date of someone at least `years` old on `on` (for SQL thresholds)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # on is 29/02 and the target year is common: born 28/02 has turned N, 01/03 not
        return dt.date(on.year - years, 2, 28)


def band_of(bands: list[tuple[str, int, str]], years: int) -> str:
    key = bands[0][0]
    for band_key, edge, _label in bands:
        if years >= edge:
            key = band_key
    return key


def age_band(birth_date: dt.date, on: dt.date) -> str:
    return band_of(AGE_BANDS, completed_years(birth_date, on))


def party_age_band(party_age_start: dt.date | None, on: dt.date) -> str:
    """The band of the party age on `on` of a period whose party age counts from `party_age_start`."""
    if party_age_start is None:
        return PARTY_AGE_BANDS[0][0]
    return band_of(PARTY_AGE_BANDS, party_years(party_age_start, on))


def band_changes(bands: list[tuple[str, int, str]], start: dt.date | None) -> list[tuple[dt.date, str]]:
    """The dates on which someone born (whose party age counts) from `start` enters each band after the first."""
    if start is None:
        return []
    return [(anniversary(start, edge), key) for key, edge, _label in bands[1:]]


def static_buckets(member: dict, status: str, is_exempted: bool) -> list[tuple[str, str]]:
    """(dimension, bucket) pairs of a member that do not depend on the date."""
    pairs = [("total", ""), ("status", status), ("exempted", "yes" if is_exempted else "no")]
    pairs += [(dimension, member[field] or UNKNOWN) for dimension, field in STATIC_FIELDS.items()]
    pairs.append(("minority", "kinh" if member["ethnicity"] == KINH else MINORITY))
    return pairs


def empty_counts() -> dict[str, dict[str, int]]:
    """Every dimension with every bucket at zero, plus the total."""
    counts = {
        dimension: dict.fromkeys((key for key, _label in buckets), 0) for dimension, (_t, buckets) in DIMENSIONS.items()
    }
    counts["total"] = {"": 0}
    return counts
