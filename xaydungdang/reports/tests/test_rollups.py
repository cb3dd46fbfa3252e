"""Rollups kept by the hook equal a rebuild from the raw rows after any sequence of member changes."""

import contextlib
import datetime as dt
import random

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.members.choices import EventKind, Gender, Religion
from xaydungdang.members.models import Member, MembershipEvent
from xaydungdang.members.services import member_create, member_update
from xaydungdang.members.state import member_rebuild_state
from xaydungdang.reports.models import RollupFootprint
from xaydungdang.reports.rollups.contributions import deltas, footprint
from xaydungdang.reports.rollups.rebuild import computed, verify
from xaydungdang.reports.selectors import subtree_statistics
from xaydungdang.reports.tests.oracle import expected_counts, nonzero


def _event(member, kind, day, **fields):
    MembershipEvent.objects.create(member=member, kind=kind, effective_date=day, **fields)
    member_rebuild_state(member)
    member.save()


def _random_change(rng: random.Random, tree, actor):
    cells = [tree.cell_1, tree.cell_2, tree.village_a, tree.village_b]
    action = rng.choice(["create", "update", "transfer", "leave", "exempt", "readmit"])
    active = action in ("update", "transfer", "leave", "exempt")
    members = list(
        Member.objects.filter(
            status__in=["probationary", "official"] if active else ["struck_off", "resigned"]
        ).order_by("pk")
    )
    member = rng.choice(members) if members else None
    day = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(5000))
    if action == "create" or member is None:
        admitted = dt.date(1980, 1, 1) + dt.timedelta(days=rng.randrange(16000))
        member_create(
            actor=actor,
            organization=rng.choice(cells),
            full_name=rng.choice(["Nguyễn Thị Bình", "Trần Văn An", "Lý Văn Sơn"]),
            gender=rng.choice(Gender.values),
            birth_date=admitted - dt.timedelta(days=rng.randrange(18 * 366, 50 * 365)),
            admission_date=admitted,
            official_date=admitted + dt.timedelta(days=366) if rng.random() < 0.7 else None,
            ethnicity=rng.choice(["01", "02", "17"]),
        )
    elif action == "update":
        change = rng.choice(
            [
                {"gender": rng.choice(Gender.values)},
                {"religion": rng.choice(Religion.values)},
                {"birth_date": member.birth_date - dt.timedelta(days=rng.randrange(1, 4000))},
                {"ethnicity": rng.choice(["01", "05"])},
                {
                    "admission_date": (moved := member.admission_date - dt.timedelta(days=rng.randrange(1, 300))),
                    "admission_decision_date": moved,
                },
            ]
        )
        with contextlib.suppress(ValidationError):  # a correction the rules refuse changes nothing
            member_update(actor=actor, member=member, reason="Đính chính theo hồ sơ gốc", **change)
    elif action == "transfer":
        day = max(day, member.events.order_by("effective_date").last().effective_date + dt.timedelta(days=1))
        target = rng.choice(cells)
        _event(member, EventKind.TRANSFERRED_OUT, day, from_organization=member.organization, to_organization=target)
        _event(member, EventKind.TRANSFERRED_IN, day + dt.timedelta(days=rng.randrange(0, 20)), to_organization=target)
    elif action == "leave":
        kind = rng.choice([EventKind.DECEASED, EventKind.STRUCK_OFF, EventKind.RESIGNED])
        _event(
            member,
            kind,
            max(day, member.events.order_by("effective_date").last().effective_date + dt.timedelta(days=1)),
        )
    elif action == "exempt":
        _event(member, rng.choice([EventKind.EXEMPTED, EventKind.EXEMPTION_ENDED]), max(day, member.admission_date))
    else:
        left = member.events.order_by("effective_date").last().effective_date
        _event(member, EventKind.READMITTED, max(day, left + dt.timedelta(days=400)), to_organization=rng.choice(cells))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollups_equal_a_rebuild_after_random_member_changes(tree, members, users, seed):
    rng = random.Random(seed)
    for _ in range(25):
        _random_change(rng, tree, users.admin)
    assert verify() == []
    for on in (dt.date(2026, 1, 1), dt.date(2015, 6, 30), dt.date(2020, 2, 29)):
        stats = subtree_statistics(organization=tree.province, on=on)
        assert stats["source"] == "rollup"
        assert nonzero(stats["members"]) == nonzero(expected_counts(tree.province, on))


def test_a_member_rebuilt_twice_counts_once(tree, members):
    member_rebuild_state(members.hung)
    member_rebuild_state(members.hung)
    assert subtree_statistics(organization=tree.province)["members"]["total"][""] == 5
    assert verify() == []


def test_a_member_who_left_has_no_footprint(tree, members):
    _event(members.lan, EventKind.DECEASED, dt.date(2020, 1, 1))
    footprint_ = RollupFootprint.objects.get(member=members.lan)
    assert footprint_.data["periods"][-1][4] == "2020-01-01"
    assert subtree_statistics(organization=tree.province, on=dt.date(2020, 1, 1))["members"]["total"][""] == 4
    assert subtree_statistics(organization=tree.province, on=dt.date(2019, 12, 31))["members"]["total"][""] == 5


def test_age_band_moves_on_the_birthday_and_feb_29_on_march_1():
    member = {
        "gender": "female", "ethnicity": "01", "religion": "none", "education_level": "", "qualification": "none",
        "theory_level": "none", "occupation": "", "birth_date": dt.date(1996, 2, 29),
    }  # fmt: skip
    period = (7, "official", "official", False, dt.date(2020, 1, 1), None, dt.date(2020, 1, 1))
    data = footprint(member, [period], {7: [1]})
    changes = deltas(data)
    assert changes[(1, dt.date(2027, 3, 1), "age_band", "31_40")] == 1
    assert changes[(1, dt.date(2027, 3, 1), "age_band", "18_30")] == -1
    assert changes[(1, dt.date(2030, 1, 1), "party_age_band", "10_19")] == 1


def test_computed_rows_cover_only_the_rollup_organizations(tree, members):
    rollup_organizations = {tree.province.pk, tree.commune_a.pk, tree.commune_b.pk}
    assert {organization_id for organization_id, _rows in computed()} == rollup_organizations
