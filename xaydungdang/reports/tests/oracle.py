"""Counts computed independently, in plain Python from the raw rows, to check every figure against."""

import datetime as dt
from collections import Counter

from xaydungdang.members.lifecycle.rules import party_age
from xaydungdang.members.models import Member, MembershipPeriod

ACTIVE = {"probationary", "official"}


def _years(start, on):
    years = on.year - start.year
    if (on.month, on.day) < (start.month, start.day):
        years -= 1
    return years


def _age_band(years):
    for edge, key in ((61, "61"), (51, "51_60"), (41, "41_50"), (31, "31_40"), (18, "18_30")):
        if years >= edge:
            return key
    return "u18"


def _party_band(years):
    for edge, key in ((50, "50"), (40, "40_49"), (30, "30_39"), (20, "20_29"), (10, "10_19")):
        if years >= edge:
            return key
    return "u10"


def members_on(organization, on: dt.date) -> list[tuple]:
    """(member, period) of everyone counted in the subtree on `on`, straight from the rows."""
    result = []
    for period in MembershipPeriod.objects.select_related("organization", "member"):
        if period.attachment != "official" or period.status not in ACTIVE:
            continue
        if not period.organization.path.startswith(organization.path):
            continue
        if period.valid_from <= on and (period.valid_to is None or period.valid_to > on):
            result.append((period.member, period))
    return result


def expected_counts(organization, on: dt.date) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}

    def add(dimension, bucket):
        counts.setdefault(dimension, Counter())[bucket] += 1

    for member, period in members_on(organization, on):
        assert isinstance(member, Member)
        add("total", "")
        add("status", period.status)
        add("exempted", "yes" if period.is_exempted else "no")
        add("gender", member.gender)
        add("ethnicity", member.ethnicity)
        add("minority", "kinh" if member.ethnicity == "01" else "minority")
        add("religion", member.religion)
        add("education", member.education_level)
        add("qualification", member.qualification)
        add("theory_level", member.theory_level)
        add("occupation", member.occupation)
        add("age_band", _age_band(_years(member.birth_date, on)))
        # The lifecycle rule, from the member's events (not the periods' cache the statistics read).
        add("party_age_band", _party_band(party_age(list(member.events.all()), on).years))
    return counts


def nonzero(counts: dict) -> dict[str, dict]:
    """Drop zero buckets and empty dimensions so two count dicts compare on what they count."""
    result = {}
    for dimension, buckets in counts.items():
        kept = {bucket: n for bucket, n in buckets.items() if n}
        if kept:
            result[dimension] = kept
    return result
