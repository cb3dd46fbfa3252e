"""seed_demo on a small province: the tree, the members, their events, the accounts, and re-runs."""

import datetime as dt
import re
from io import StringIO
from random import Random
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from vietnam_provinces import Ward

from xaydungdang.access.choices import Role, Scope
from xaydungdang.access.policy import SYSTEM
from xaydungdang.accounts.models import User
from xaydungdang.core.dates import add_months
from xaydungdang.demo.accounts import DEMO_PASSWORD
from xaydungdang.demo.builder import build, shapes
from xaydungdang.demo.management.commands import seed_demo
from xaydungdang.members.models import Member
from xaydungdang.members.rules import admission_age_error, cccd_errors
from xaydungdang.members.state import replay
from xaydungdang.organizations.choices import DEFAULT_KIND_RULES, MEMBER_HOLDING_KINDS
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.models import Organization

SMALL = 300


@pytest.fixture
def seeded(db, monkeypatch):
    # Other apps' demo modules add their own rows; these tests check the province this app builds.
    monkeypatch.setattr(seed_demo, "app_demo_modules", lambda: iter(()))
    out = StringIO()
    call_command("seed_demo", members=SMALL, seed=7, stdout=out, verbosity=0)
    return SimpleNamespace(output=out.getvalue(), root=Organization.objects.get(depth=1))


def test_tree_follows_the_kind_rules_and_the_real_communes(seeded):
    by_path = {org.path: org for org in Organization.objects.all()}
    for org in by_path.values():
        if org.depth > 1:
            parent = by_path[org.path[: -Organization.steplen]]
            assert org.kind in DEFAULT_KIND_RULES[parent.kind], (org.name, parent.name)
    assert seeded.root.name == "Đảng bộ thành phố Cần Thơ"
    assert seeded.root.kind == K.PROVINCIAL
    communes = Organization.objects.filter(depth=2, sector="territorial")
    can_tho = {str(int(w.code)): w.name for w in Ward.iter_all() if int(w.province_code) == 92}
    assert communes.count() == len(can_tho) == 103
    ninh_kieu = communes.get(admin_unit_code="31135")
    assert (ninh_kieu.name, ninh_kieu.code, ninh_kieu.kind) == (
        "Đảng bộ phường Ninh Kiều",
        "92.31135",
        K.UPPER_GRASSROOTS,
    )
    assert Organization.objects.filter(kind=K.PARTIAL_COMMITTEE).exists()
    assert Organization.objects.filter(name="Đảng bộ Sở Y tế", kind=K.GRASSROOTS_COMMITTEE).exists()


def test_tree_is_a_consistent_treebeard_tree(seeded):
    assert all(not problems for problems in Organization.objects.find_problems())
    nodes = list(Organization.objects.order_by("path"))
    for node in nodes:
        children = [c for c in nodes if c.depth == node.depth + 1 and c.path.startswith(node.path)]
        assert node.numchild == len(children)
        assert [c.code for c in children] == sorted(c.code for c in children)  # node_order_by = ["code"]
        assert all(c.code.startswith(f"{node.code}.") for c in children)


def test_members_attach_to_cells_with_realistic_shares(seeded):
    members = list(Member.objects.select_related("organization"))
    assert len(members) == SMALL
    assert {m.organization.kind for m in members} <= MEMBER_HOLDING_KINDS
    women = sum(m.gender == "female" for m in members) / SMALL
    assert 0.25 < women < 0.5
    active = [m for m in members if m.is_active_member]
    assert 0.8 < len(active) / SMALL < 0.97
    assert 0 < sum(m.status == "probationary" for m in active) / len(active) < 0.12
    assert len({m.record_number for m in members}) == SMALL
    assert all(re.fullmatch(r"\d{6}CT", m.record_number) for m in members)
    assert all(m.search_name == m.search_name.lower() and m.search_name.isascii() for m in members)


def test_stored_state_and_periods_are_exactly_the_replay_of_the_events(seeded):
    for member in Member.objects.prefetch_related("events", "periods"):
        events = sorted(member.events.all(), key=lambda e: (e.effective_date, e.id))
        result = replay(events)
        stored = [
            (p.organization_id, p.attachment, p.status, p.is_exempted, p.valid_from, p.valid_to)
            for p in sorted(member.periods.all(), key=lambda p: (p.valid_from, p.id))
        ]
        expected = [
            (p.organization_id, p.attachment, p.status, p.is_exempted, p.valid_from, p.valid_to) for p in result.periods
        ]
        assert stored == expected, member.pk
        state = result.state
        assert (member.organization_id, member.status, member.is_exempted) == (
            state.organization_id,
            state.status,
            state.is_exempted,
        )
        assert (member.admission_date, member.admission_decision_date, member.official_date) == (
            state.admission_date,
            state.admission_decision_date,
            state.official_date,
        )


def test_national_ids_and_ages_at_admission_follow_the_rules(seeded):
    today = dt.date.today()
    for member in Member.objects.all():
        if member.national_id:
            assert cccd_errors(member.national_id, gender=member.gender, birth_date=member.birth_date) == []
        assert admission_age_error(birth_date=member.birth_date, admitted_on=member.admission_decision_date) is None
        assert member.admission_decision_date <= member.admission_date <= today
        if member.official_date:
            assert member.official_date == add_months(member.admission_date, 12)
        if member.status == "probationary":
            assert member.admission_date > add_months(today, -12)


def test_the_four_demo_accounts_have_their_access(seeded):
    users = {u.username: u for u in User.objects.filter(username__in=["quantri", "bantochuc", "bithu", "dangvien"])}
    assert len(users) == 4
    assert all(user.check_password(DEMO_PASSWORD) for user in users.values())
    assert users["quantri"].is_superuser
    grants = {u: list(users[u].assignments.values_list("role", "organization", "scope")) for u in users}
    root = seeded.root.pk
    assert grants["quantri"] == [(Role.ADMIN, root, Scope.SUBTREE)]
    assert grants["bantochuc"] == [(Role.OFFICER, root, Scope.SUBTREE)]
    [(_, cell, scope)] = grants["bithu"]
    assert scope == Scope.NODE
    assert grants["dangvien"] == [(Role.MEMBER, cell, Scope.NODE)]
    member = Member.objects.get(user=users["dangvien"])
    assert member.organization_id == cell and member.is_active_member
    assert Member.objects.visible_to(users["bantochuc"]).count() == SMALL
    in_cell = Member.objects.filter(organization_id=cell)
    assert set(Member.objects.visible_to(users["bithu"])) == set(in_cell) and in_cell.count() > 1
    assert list(Member.objects.visible_to(users["dangvien"])) == [member]
    assert "quantri" in seeded.output and "đảng viên" in seeded.output


def _names(seed: int) -> list[str]:
    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            plan = shapes.can_tho(200, Random(f"{seed}-tree"))
            build(plan, members=200, seed=seed, today=dt.date(2025, 10, 1))
            names = list(Member.objects.order_by("id").values_list("full_name", "national_id", "birth_date"))
            raise Rollback
    except Rollback:
        return names


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_people_and_another_seed_others():
    first, again, other = _names(11), _names(11), _names(12)
    assert first == again
    assert first != other


def test_if_empty_leaves_an_existing_database_alone(seeded):
    counts = (Organization.objects.count(), Member.objects.count())
    out = StringIO()
    call_command("seed_demo", members=SMALL, if_empty=True, stdout=out)
    assert "không tạo dữ liệu mẫu" in out.getvalue()
    assert (Organization.objects.count(), Member.objects.count()) == counts
    with pytest.raises(CommandError, match="đã có tổ chức đảng"):
        call_command("seed_demo", members=SMALL, stdout=StringIO())


@pytest.mark.django_db
def test_each_app_demo_module_is_called_with_the_context(monkeypatch):
    seen = []
    module = SimpleNamespace(seed=seen.append)
    monkeypatch.setattr(seed_demo, "app_demo_modules", lambda: iter([("reviews", module)]))
    call_command("seed_demo", members=100, stdout=StringIO(), verbosity=0)
    [ctx] = seen
    assert ctx.province.name == "Đảng bộ thành phố Cần Thơ"
    assert ctx.member_count == 100 and ctx.actor is SYSTEM
    assert ctx.rng.random() == Random("2025-reviews").random()


def test_a_demo_seed_has_no_event_after_today(db):
    """Issue 17 leftover: no admission, recognition, badge or other event of the demo (builder and every app's
    demo module) is dated after the day it was seeded; planned dates (meetings, deadlines) may be ahead."""
    from xaydungdang.core.dates import today
    from xaydungdang.members.lifecycle.models import Badge
    from xaydungdang.members.models import MembershipEvent

    call_command("seed_demo", members=150, seed=11, stdout=StringIO(), verbosity=0)
    day = today()
    assert MembershipEvent.objects.exists()
    assert not MembershipEvent.objects.filter(effective_date__gt=day).exists()
    assert not MembershipEvent.objects.filter(decision_date__gt=day).exists()
    for field in ("admission_decision_date", "admission_date", "official_date"):
        assert not Member.objects.filter(**{f"{field}__gt": day}).exists(), field
    assert not Badge.objects.filter(awarded_on__gt=day).exists()
