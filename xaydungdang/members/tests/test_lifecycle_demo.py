"""The demo seeds go through the services and leave a populated due-work page with a consistent log."""

import random

import pytest

from xaydungdang.candidates import demo as candidates_demo
from xaydungdang.candidates.models import Candidate
from xaydungdang.core.dates import today
from xaydungdang.core.demo import DemoContext
from xaydungdang.duework.registry import items_of
from xaydungdang.members import demo
from xaydungdang.members.models import Member
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.members.tests.test_lifecycle_replay import assert_replay_matches

pytestmark = pytest.mark.django_db


def test_demo_seeds_populate_due_work_and_replay_exactly(tree, users):
    for n in range(30):
        MemberFactory(
            organization=[tree.cell_1, tree.cell_2, tree.village_a, tree.village_b][n % 4], full_name=f"Người Mẫu {n}"
        )
    lines: list[str] = []
    ctx = DemoContext(random.Random(7), tree.province, today(), users.admin, 50, lines.append)
    demo.seed(ctx)
    candidates_demo.seed(ctx)
    for key in ("probation", "transfers"):
        assert items_of(key, organization=tree.province, on=today(), user=users.admin)
    assert Candidate.objects.count() >= 4
    assert {c.step for c in Candidate.objects.all()} >= {"recorded", "course"}
    for member in Member.objects.all():
        assert_replay_matches(member)
    assert any("kết nạp" in line for line in lines)
