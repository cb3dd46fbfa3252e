import random

import pytest

from xaydungdang.access.policy import SYSTEM
from xaydungdang.core.dates import add_months, today
from xaydungdang.core.demo import DemoContext
from xaydungdang.members.lifecycle.testing import admit
from xaydungdang.notifications import demo
from xaydungdang.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_demo_notifies_each_account_of_its_own_due_work_once(tree, users):
    import datetime as dt

    users.officer.username, users.secretary.username = "bantochuc", "bithu"
    users.officer.save()
    users.secretary.save()
    admit(users.officer, tree.cell_1, ceremony=add_months(today(), -12) + dt.timedelta(days=5), full_name="Lý Văn Tư")
    ctx = DemoContext(random.Random(1), tree.province, today(), SYSTEM, 50, lambda line: None)
    demo.seed(ctx)
    demo.seed(ctx)  # idempotent: the keys hold
    mine = Notification.objects.filter(user=users.officer, kind="due.probation")
    assert [n.title.split(": ")[-1] for n in mine] == ["Lý Văn Tư"]
    assert Notification.objects.filter(user=users.secretary, kind="due.probation").count() == 1
    # The member ("dangvien") is told only of their own record, never of Lý Văn Tư's probation.
    assert {n.title.split(": ")[-1] for n in Notification.objects.filter(user=users.member)} == {"Nguyễn Văn Hùng"}
