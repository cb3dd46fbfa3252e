"""Admissions read from the rollups (dimension "admission") give exactly the live count of the events, on any
window and after any sequence of changes: admissions, re-admissions, transfers, moves of subtrees, past dates."""

import datetime as dt
import random

import pytest

from xaydungdang.members.choices import EventKind
from xaydungdang.reorganizations.services import organization_move
from xaydungdang.reports.models import RollupFeature, RollupFootprint
from xaydungdang.reports.rollups.rebuild import rebuild, verify
from xaydungdang.reports.selectors import admissions as selector
from xaydungdang.reports.selectors.admissions import achievement_and_admissions, admissions, admissions_in_rollups
from xaydungdang.reports.tests.test_rollups import _event, _random_change

DAYS = [dt.date(1985, 7, 1), dt.date(2001, 1, 2), dt.date(2012, 1, 1), dt.date(2015, 6, 30), dt.date(2019, 12, 31),
        dt.date(2020, 2, 29), dt.date(2024, 3, 1), dt.date(2024, 12, 31), dt.date(2026, 12, 31)]  # fmt: skip


@pytest.fixture
def features(db):
    for name in (RollupFeature.CHANGES, RollupFeature.UPPER_GRASSROOTS, RollupFeature.ADMISSIONS):
        RollupFeature.objects.get_or_create(name=name)


def _history(rng: random.Random, tree, members, users) -> None:
    """Random changes, an admission its member leaves the same day (no counted period: still an admission),
    and two moves: a cell to the other commune, a grassroots committee up under the province."""
    for _ in range(15):
        _random_change(rng, tree, users.admin)
    _event(members.lan, EventKind.DECEASED, dt.date(2021, 5, 1))
    _event(members.lan, EventKind.READMITTED, dt.date(2023, 5, 1), to_organization=tree.village_b)
    _event(members.lan, EventKind.DECEASED, dt.date(2023, 5, 1))
    organization_move(actor=users.admin, organization=tree.village_a, new_parent=tree.commune_b)
    organization_move(actor=users.admin, organization=tree.school, new_parent=tree.province)
    for _ in range(10):
        _random_change(rng, tree, users.admin)
    _refreshed(tree)


def _refreshed(tree) -> None:
    """The tree's paths as the moves left them (a move may renumber the paths of other organizations too)."""
    for organization in vars(tree).values():
        organization.refresh_from_db()


def _windows(rng: random.Random) -> list[tuple[dt.date, dt.date]]:
    windows = [(start, end) for start in DAYS for end in DAYS if start <= end]
    for _ in range(20):
        start = dt.date(1980, 1, 1) + dt.timedelta(days=rng.randrange(17000))
        windows.append((start, start + dt.timedelta(days=rng.randrange(4000))))
    return windows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_rollups_give_the_live_admissions_for_any_window(tree, members, users, features, seed):
    rng = random.Random(seed)
    _history(rng, tree, members, users)
    assert verify() == []
    organizations = (tree.province, tree.commune_a, tree.commune_b)
    assert all(admissions_in_rollups(organization) for organization in organizations)
    for start, end in _windows(rng):
        for organization in (*organizations, tree.school):
            assert admissions(organization, start, end) == admissions(organization, start, end, use_rollups=False), (
                organization,
                start,
                end,
            )
    for organization in (*organizations, tree.school):
        for on in (dt.date(2023, 5, 1), dt.date(2024, 12, 31), dt.date(2026, 6, 30)):
            window = (dt.date(2015, 1, 1), on)
            fast = achievement_and_admissions(organization, on.year, on, window)
            assert fast == achievement_and_admissions(organization, on.year, on, window, use_rollups=False)
    total, rows, _admitted = achievement_and_admissions(tree.province, 2023, dt.date(2023, 12, 31))
    assert total.admitted >= 1 and total.admitted >= sum(row.admitted for row in rows)


def test_the_provinces_admissions_read_no_event(tree, members, users, features, monkeypatch):
    """Its children all keep rollups: the events are not read (the live count is what took 1.3 s at 5.5 M)."""
    _event(members.lan, EventKind.DECEASED, dt.date(2021, 5, 1))
    _event(members.lan, EventKind.READMITTED, dt.date(2024, 5, 1), to_organization=tree.village_b)
    organization_move(actor=users.admin, organization=tree.school, new_parent=tree.commune_b)
    _refreshed(tree)
    live = {"total": achievement_and_admissions(tree.province, 2024, dt.date(2024, 12, 31), use_rollups=False)}

    def refused(*args, **kwargs):
        raise AssertionError("the events were read")

    monkeypatch.setattr(selector, "_admissions_by_prefix", refused)
    assert achievement_and_admissions(tree.province, 2024, dt.date(2024, 12, 31)) == live["total"]
    assert live["total"][0].admitted == 1  # Lan, re-admitted in May
    assert admissions(tree.commune_b, dt.date(2024, 5, 1), dt.date(2024, 5, 1)) == 1


def test_stale_rollups_count_live_until_a_rebuild(tree, members, features):
    """A database migrated with rollups lacks the feature (migration 0008): live until `rebuild_rollups`."""
    RollupFootprint.objects.update(data={})  # footprints of before the admissions: the rows lack them
    RollupFeature.objects.filter(name=RollupFeature.ADMISSIONS).delete()
    assert not admissions_in_rollups(tree.province)
    live = admissions(tree.province, dt.date(1900, 1, 1), dt.date(2100, 1, 1), use_rollups=False)
    assert admissions(tree.province, dt.date(1900, 1, 1), dt.date(2100, 1, 1)) == live == 5
    rebuild()
    assert admissions_in_rollups(tree.province)
    assert admissions(tree.province, dt.date(1900, 1, 1), dt.date(2100, 1, 1)) == live
