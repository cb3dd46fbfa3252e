"""The set-based PostgreSQL rebuild gives exactly the rows of the Python reference; verify fails loudly."""

import datetime as dt
import random
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

from xaydungdang.members.choices import EventKind, Gender, Occupation, Qualification, Religion, TheoryLevel
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org
from xaydungdang.reports.models import RollupDay, RollupFootprint, RollupMonth, RollupYear
from xaydungdang.reports.rollups.rebuild import default_engine, rebuild, verify

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the set-based engine runs on PostgreSQL only"
)


@pytest.fixture
def nation(db):
    """A root with two provinces (one with a commune), a cell right under the root, and a commune outside it."""
    root = make_org(None, K.CENTRAL, "Ban Chấp hành Trung ương", "TW")
    north = make_org(root, K.PROVINCIAL, "Đảng bộ tỉnh Bắc", "TW-B")
    commune = make_org(north, K.UPPER_GRASSROOTS, "Đảng bộ xã Bắc", "TW-B-X")
    south = make_org(root, K.PROVINCIAL, "Đảng bộ tỉnh Nam", "TW-N")
    stray = make_org(None, K.UPPER_GRASSROOTS, "Đảng bộ ngoài hệ thống", "NG")
    holding = [
        make_org(commune, K.CELL, "Chi bộ 1", "TW-B-X-1"),
        make_org(commune, K.GRASSROOTS_CELL, "Chi bộ 2", "TW-B-X-2"),
        make_org(south, K.GRASSROOTS_CELL, "Chi bộ 3", "TW-N-3"),
        make_org(south, K.GRASSROOTS_CELL, "Chi bộ 4", "TW-N-4"),
        make_org(root, K.GRASSROOTS_CELL, "Chi bộ cơ quan Trung ương", "TW-C"),
    ]
    outside = [make_org(stray, K.CELL, "Chi bộ ngoài", "NG-1"), commune]  # counted in the stray commune; never
    return SimpleNamespace(
        root=root, north=north, commune=commune, south=south, stray=stray, holding=holding, outside=outside,
        receiving=[root, north, stray],
    )  # fmt: skip


def _date(rng: random.Random, first: int = 1940, last: int = 2030) -> dt.date:
    if rng.random() < 0.15:  # the days the anniversaries trip over
        return rng.choice([dt.date(rng.choice([1960, 1984, 1996, 2000]), 2, 29), dt.date(1999, 12, 31)])
    return dt.date(first, 1, 1) + dt.timedelta(days=rng.randrange((last - first) * 365))


def _members(nation, count: int, seed: int) -> None:
    """Members and periods written directly (as an import would), with every shape the rules meet."""
    rng = random.Random(seed)
    organizations = nation.holding + nation.outside
    people = [
        Member(
            full_name=f"Đảng viên {index}",
            search_name=f"dang vien {index}",
            gender=rng.choice(Gender.values),
            birth_date=_date(rng, 1930, 2010),
            ethnicity=rng.choice(["01", "01", "05", "17"]),
            religion=rng.choice(Religion.values),
            education_level=rng.choice(["", "upper_secondary", "primary"]),
            qualification=rng.choice(Qualification.values),
            theory_level=rng.choice(TheoryLevel.values),
            occupation=rng.choice(["", *Occupation.values]),
            admission_date=_date(rng, 1950, 2025),
            organization=nation.holding[0],
            status="official",
        )
        for index in range(count)
    ]
    Member.objects.bulk_create(people)
    periods = []
    for member in people:
        start = _date(rng, 1950, 2025)
        base = None if rng.random() < 0.1 else _date(rng, 1940, 2025)
        for _ in range(rng.randint(1, 4)):
            end = start + dt.timedelta(days=rng.randint(1, 6000)) if rng.random() < 0.7 else None
            periods.append(
                MembershipPeriod(
                    member=member,
                    organization=rng.choice(organizations),
                    attachment="official" if rng.random() < 0.9 else "temporary",
                    status=rng.choice(["probationary", "official", "official", "struck_off"]),
                    is_exempted=rng.random() < 0.2,
                    valid_from=start,
                    valid_to=end,
                    party_age_start=base,
                )
            )
            if end is None:
                break
            if rng.random() < 0.3:  # readmitted after a gap: party age counts from a later base
                base = (base or start) + dt.timedelta(days=rng.randint(1, 2000))
            start = end if rng.random() < 0.7 else end + dt.timedelta(days=rng.randint(1, 900))
    MembershipPeriod.objects.bulk_create(periods)
    _admissions(nation, people, rng)


def _admissions(nation, people, rng: random.Random) -> None:
    """Admissions and re-admissions of most of them, into any organization (a commune, the root, one outside
    the tree, none), on any day: counted whatever the periods say, as the live selector counts them."""
    receiving = [*nation.holding, *nation.outside, *getattr(nation, "receiving", ()), None]
    kinds = [EventKind.ADMITTED, EventKind.READMITTED, EventKind.TRANSFERRED_IN]
    MembershipEvent.objects.bulk_create(
        MembershipEvent(
            member=member,
            kind=rng.choice(kinds),
            effective_date=_date(rng, 1950, 2026),
            to_organization=rng.choice(receiving),
        )
        for member in people
        if rng.random() < 0.7
        for _ in range(rng.randint(1, 3))
    )


def _rows() -> dict:
    return {
        "days": set(RollupDay.objects.values_list("organization_id", "day", "dimension", "bucket", "delta")),
        "months": set(RollupMonth.objects.values_list("organization_id", "month", "dimension", "bucket", "delta")),
        "years": set(RollupYear.objects.values_list("organization_id", "year", "dimension", "bucket", "delta")),
        "footprints": dict(RollupFootprint.objects.values_list("member_id", "data")),
    }


def _wipe() -> None:
    for model in (RollupDay, RollupMonth, RollupYear, RollupFootprint):
        model.objects.all().delete()


@postgres_only
@pytest.mark.parametrize("seed", [11, 12])
def test_sql_engine_gives_exactly_the_rows_of_the_python_engine(nation, seed):
    _members(nation, 120, seed)
    python_counts = rebuild(engine="python")
    expected = _rows()
    assert expected["days"] and len(expected["footprints"]) > 50
    rollup_organizations = {nation.root.pk, nation.north.pk, nation.commune.pk, nation.south.pk, nation.stray.pk}
    assert {row[0] for row in expected["days"]} == rollup_organizations
    admitted = {row[0] for row in expected["days"] if row[2] == "admission"}
    assert admitted == rollup_organizations
    assert any("admissions" in data and not data["periods"] for data in expected["footprints"].values())

    unchanged = rebuild(engine="sql")
    assert unchanged["written"] == 0, "the SQL engine found rows the Python engine did not write"
    _wipe()
    built = rebuild(engine="sql")
    assert _rows() == expected
    assert {key: built[key] for key in ("days", "months", "members")} == {
        key: python_counts[key] for key in ("days", "months", "members")
    }
    assert verify(engine="sql") == verify(engine="python") == []


@postgres_only
def test_both_engines_report_the_same_differences(nation):
    _members(nation, 60, 5)
    rebuild(engine="sql")
    changed = RollupDay.objects.filter(organization=nation.north, dimension="gender").first()
    changed.delta += 2
    changed.save()
    RollupMonth.objects.filter(organization=nation.root, dimension="total").first().delete()
    RollupDay.objects.create(organization=nation.south, day=dt.date(2099, 1, 1), dimension="total", bucket="", delta=3)
    problems = verify(engine="sql")
    assert len(problems) == 3
    assert sorted(problems) == sorted(verify(engine="python"))
    assert any("[tháng]" in line and "/-: đang lưu 0" in line for line in problems)
    assert any("01/01/2099, total/-: đang lưu 3, tính lại từ dữ liệu gốc 0" in line for line in problems)

    fixed = rebuild(engine="sql")
    assert fixed["written"] == 3
    assert verify(engine="sql") == []


@postgres_only
def test_a_stale_footprint_is_rewritten_and_an_orphan_removed(nation):
    _members(nation, 30, 7)
    rebuild(engine="sql")
    footprint = RollupFootprint.objects.first()
    original = footprint.data
    footprint.data = {"member": {}, "periods": []}
    footprint.save()
    uncounted = Member.objects.exclude(pk__in=RollupFootprint.objects.values("member_id")).first()
    RollupFootprint.objects.create(member=uncounted, data={"member": {}, "periods": []})
    assert rebuild(engine="sql")["written"] == 2
    assert RollupFootprint.objects.get(pk=footprint.pk).data == original
    assert not RollupFootprint.objects.filter(member=uncounted).exists()


def test_the_default_engine_follows_the_database(db):
    assert default_engine() == ("sql" if connection.vendor == "postgresql" else "python")
    if connection.vendor != "postgresql":
        with pytest.raises(ValueError, match="PostgreSQL"):
            rebuild(engine="sql")


def test_the_command_exits_non_zero_on_a_difference(tree, members, capsys):
    call_command("rebuild_rollups", "--verify")
    assert "khớp với dữ liệu gốc" in capsys.readouterr().out
    row = RollupDay.objects.filter(organization=tree.province, dimension="total").first()
    row.delta += 1
    row.save()
    with pytest.raises(SystemExit) as exit_:
        call_command("rebuild_rollups", "--verify")
    assert exit_.value.code == 1
    assert "1 chênh lệch" in capsys.readouterr().out
    call_command("rebuild_rollups")
    call_command("rebuild_rollups", "--verify")
