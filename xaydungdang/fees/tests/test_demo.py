"""The fees demo on a small province: a year of collection with every kind of case, reconciled."""

from io import StringIO

import pytest
from django.core.management import call_command

from xaydungdang.access.policy import SYSTEM
from xaydungdang.core.dates import today
from xaydungdang.demo.management.commands import seed_demo
from xaydungdang.duework.registry import items_of
from xaydungdang.fees import demo, selectors
from xaydungdang.fees.choices import PaymentMethod, ReliefKind
from xaydungdang.fees.models import FeeBasis, FeePayment, FeeRelief, Remittance
from xaydungdang.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_a_year_of_fees_with_exemptions_reductions_arrears_and_remittances(monkeypatch):
    monkeypatch.setattr(seed_demo, "app_demo_modules", lambda: iter([("fees", demo)]))
    out = StringIO()
    call_command("seed_demo", members=2000, seed=7, stdout=out, verbosity=0)
    assert "lỗi" not in out.getvalue() and "đảng phí:" in out.getvalue()
    assert FeeBasis.objects.values("category").distinct().count() >= 3
    assert {r.kind for r in FeeRelief.objects.all()} == {ReliefKind.EXEMPTION, ReliefKind.REDUCTION}
    assert set(FeePayment.objects.values_list("method", flat=True)) == set(PaymentMethod.values)
    months = sorted(set(FeePayment.objects.values_list("month", flat=True)))
    assert len(months) >= 12
    assert Remittance.objects.exists()
    root = Organization.objects.get(depth=1)
    assert items_of("fee_arrears", organization=root, on=today(), user=SYSTEM).total >= 1
    rows = selectors.reconciliation(root, months[0], months[-1])
    assert sum(r.kept for r in rows) + rows[0].remit_due == sum(r.collected for r in rows) > 0
