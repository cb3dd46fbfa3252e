"""Defect 2 of issue 9: party age has one rule (members.lifecycle.rules), read by the statistics too.

A readmitted member's party age counts from the first admission decision minus the gap outside the Party;
the statistics (live count, Python rollups, the PostgreSQL set-based rebuild) band the member by exactly
what the lifecycle rule says, on any date.
"""

import datetime as dt

import pytest
from django.db import connection

from xaydungdang.members.choices import Gender
from xaydungdang.members.lifecycle import services as lifecycle
from xaydungdang.members.lifecycle.rules import party_age
from xaydungdang.members.models import MembershipPeriod
from xaydungdang.members.services import member_create
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org
from xaydungdang.reports.dimensions import PARTY_AGE_BANDS, band_of, party_age_band
from xaydungdang.reports.models import RollupDay, RollupFootprint, RollupMonth
from xaydungdang.reports.rollups.rebuild import rebuild, verify
from xaydungdang.reports.selectors import subtree_statistics
from xaydungdang.reports.tests.oracle import expected_counts, nonzero

D = dt.date


@pytest.fixture
def cell_3(tree):
    return make_org(tree.school, K.CELL, "Chi bộ Giáo viên 3", "P92-A-S-3")


@pytest.fixture
def readmitted(tree, users, cell_3):
    """Admitted (decision 03/02/1990), struck off on 01/01/2000, readmitted (decision 01/01/2004) in cell 3."""
    member = member_create(
        actor=users.admin,
        organization=tree.cell_1,
        full_name="Võ Văn Kiệt",
        gender=Gender.MALE,
        birth_date=D(1966, 5, 5),
        admission_decision_date=D(1990, 2, 3),
        admission_date=D(1990, 2, 10),
        official_date=D(1991, 2, 10),
    )
    lifecycle.member_strike_off(
        actor=users.admin, member=member, ground="left_activity", effective_date=D(2000, 1, 1), reason="Bỏ sinh hoạt"
    )
    lifecycle.member_readmit(
        actor=users.admin,
        member=member,
        organization=cell_3,
        decision_number="12-QĐ/ĐU",
        decision_date=D(2004, 1, 1),
        issued_by="Đảng ủy",
        ceremony_date=D(2004, 1, 10),
    )
    member.refresh_from_db()
    return member


def _bands(organization, on):
    counts = subtree_statistics(organization=organization, on=on)["members"]
    return {bucket: n for bucket, n in counts["party_age_band"].items() if n}


def test_the_periods_cache_the_lifecycle_rule_base(readmitted):
    gap = D(2004, 1, 1) - D(2000, 1, 1)
    starts = {
        (period.status, period.valid_from): period.party_age_start
        for period in MembershipPeriod.objects.filter(member=readmitted, attachment="official")
    }
    assert starts[("official", D(1991, 2, 10))] == D(1990, 2, 3)
    assert starts[("probationary", D(2004, 1, 10))] == D(1990, 2, 3) + gap


def test_statistics_band_a_readmitted_member_by_the_lifecycle_rule(cell_3, readmitted):
    events = list(readmitted.events.all())
    # 03/02/2020: 30 years after the first decision, minus the 4 years outside: 26 (the readmission's
    # ceremony, which the statistics used to count from, gives 16).
    assert party_age(events, D(2020, 2, 3)).years == 26
    assert _bands(cell_3, D(2020, 2, 3)) == {"20_29": 1}
    assert _bands(cell_3, D(2003, 6, 1)) == {}  # outside the Party: not counted
    # The band changes on the day the lifecycle rule says 30 years are reached.
    reached = D(2024, 2, 3)  # 03/02/1990 + 30 years + the gap
    assert party_age(events, reached).years == 30
    assert party_age(events, reached - dt.timedelta(days=1)).years == 29
    assert _bands(cell_3, reached - dt.timedelta(days=1)) == {"20_29": 1}
    assert _bands(cell_3, reached) == {"30_39": 1}


@pytest.mark.parametrize("use_rollups", [True, False])
def test_province_figures_equal_the_lifecycle_rule_from_raw_events(tree, readmitted, use_rollups):
    for on in (D(1999, 6, 1), D(2003, 6, 1), D(2020, 2, 3), D(2024, 2, 2), D(2024, 2, 3), D(2026, 1, 1)):
        stats = subtree_statistics(organization=tree.province, on=on, use_rollups=use_rollups)
        assert stats["source"] == ("rollup" if use_rollups else "live")
        assert nonzero(stats["members"]) == nonzero(expected_counts(tree.province, on)), on


def test_party_age_band_is_the_lifecycle_years_banded():
    events_years = {D(1990, 2, 3): [(D(2000, 2, 2), "u10"), (D(2000, 2, 3), "10_19"), (D(2040, 2, 3), "50")]}
    for base, cases in events_years.items():
        for on, band in cases:
            assert party_age_band(base, on) == band
    assert party_age_band(None, D(2020, 1, 1)) == PARTY_AGE_BANDS[0][0]
    assert band_of(PARTY_AGE_BANDS, 26) == "20_29"


def _rows() -> dict:
    """The stored rollups without the rows the hook left at zero (the rebuilds delete those)."""
    days, months = RollupDay.objects.exclude(delta=0), RollupMonth.objects.exclude(delta=0)
    return {
        "days": set(days.values_list("organization_id", "day", "dimension", "bucket", "delta")),
        "months": set(months.values_list("organization_id", "month", "dimension", "bucket", "delta")),
        "footprints": dict(RollupFootprint.objects.values_list("member_id", "data")),
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the set-based engine runs on PostgreSQL only")
def test_sql_rebuild_equals_the_python_rollups_for_readmitted_members(tree, members, readmitted):
    kept = _rows()  # what the services' hook stored, member by member
    assert any(row[2] == "party_age_band" and row[3] == "20_29" for row in kept["days"])
    rebuild(engine="sql")
    assert _rows() == kept
    rebuild(engine="python")
    assert _rows() == kept
    assert rebuild(engine="sql")["written"] == 0
    assert verify(engine="sql") == verify(engine="python") == []
