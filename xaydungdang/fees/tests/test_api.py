"""The fees API: the same services and scope as the pages, errors as Vietnamese JSON by field."""

import datetime as dt

import pytest

from xaydungdang.access.policy import SYSTEM
from xaydungdang.api.tests.clients import client_for
from xaydungdang.fees import services as svc
from xaydungdang.fees.choices import Category
from xaydungdang.fees.models import FeePayment

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def bases(members):
    for member in (members.hung, members.lan, members.nam):
        svc.fee_basis_set(
            actor=SYSTEM, member=member, category=Category.PENSION, amount=6_000_000, valid_from=D(2026, 1, 1)
        )


def test_payments_in_advance_through_the_api_and_scoped_lists(users, members, bases):
    api = client_for(users.secretary)
    body = {
        "member": members.hung.pk,
        "first_month": "2026-06-01",
        "months": 2,
        "paid_on": "2026-06-05",
        "method": "portal",
    }
    response = api.post("/api/v1/fee-payments/", body, format="json")
    assert response.status_code == 201
    assert [(p["month"], p["amount"]) for p in response.json()] == [("2026-06-01", 30000), ("2026-07-01", 30000)]
    again = api.post("/api/v1/fee-payments/", body, format="json")
    assert again.status_code == 400 and "first_month" in again.json()
    assert client_for(users.outsider).post("/api/v1/fee-payments/", body, format="json").status_code == 400
    assert client_for(users.outsider).get("/api/v1/fee-payments/").json()["count"] == 0
    assert client_for(users.leader).get("/api/v1/fee-payments/", {"month": "2026-06-01"}).json()["count"] == 1
    own = client_for(users.member).get("/api/v1/fee-payments/").json()
    assert own["count"] == 2  # a member reads their own payments


def test_correction_needs_a_reason_and_keeps_history(users, members, bases):
    payment = svc.payment_record(actor=SYSTEM, member=members.hung, first_month=D(2026, 6, 1), paid_on=D(2026, 6, 5))[0]
    api = client_for(users.secretary)
    url = f"/api/v1/fee-payments/{payment.pk}/correct/"
    assert api.post(url, {"amount": 40000}, format="json").status_code == 400
    response = api.post(url, {"amount": 40000, "reason": "Nộp thêm"}, format="json")
    assert response.status_code == 200 and response.json()["amount"] == 40000
    assert payment.history.count() == 2
    assert client_for(users.leader).post(url, {"amount": 1, "reason": "x"}, format="json").status_code == 404
    assert api.post(f"/api/v1/fee-payments/{payment.pk}/cancel/", {"reason": "Trùng"}, format="json").status_code == 204
    assert not FeePayment.objects.exists()


def test_reliefs_are_decided_by_the_competent_level(users, members, tree):
    body = {
        "member": members.hung.pk,
        "kind": "reduction",
        "reason": "hardship",
        "reduction_percent": 70,
        "valid_from": "2026-03-01",
        "valid_to": "2027-02-01",
        "decision_number": "9-QĐ/ĐU",
        "decision_date": "2026-02-25",
    }
    assert client_for(users.secretary).post("/api/v1/fee-reliefs/", body, format="json").status_code == 404
    response = client_for(users.officer).post("/api/v1/fee-reliefs/", body, format="json")
    assert response.status_code == 201 and response.json()["decided_by"] == tree.school.pk
    body["valid_to"] = "2027-06-01"
    refused = client_for(users.officer).post("/api/v1/fee-reliefs/", body, format="json")
    assert refused.status_code == 400 and "tối đa 12 tháng" in refused.json()["valid_to"][0]


def test_sheet_and_reconciliation_reads(users, members, tree, bases):
    svc.payment_record(actor=SYSTEM, member=members.hung, first_month=D(2026, 6, 1), paid_on=D(2026, 6, 5))
    api = client_for(users.leader)
    sheet = api.get("/api/v1/fees/sheet/", {"org": tree.cell_1.pk, "month": "2026-06-01"})
    assert sheet.status_code == 200
    assert {(r["full_name"], r["amount"], r["paid_amount"]) for r in sheet.json()} == {
        ("Nguyễn Văn Hùng", 30000, 30000),
        ("Trần Thị Lan", 30000, None),
    }
    recon = api.get(
        "/api/v1/fees/reconciliation/", {"org": tree.commune_a.code, "start": "2026-06-01", "end": "2026-06-30"}
    )
    assert recon.status_code == 200 and recon.json()["total"]["collected"] == 30000
    assert api.get("/api/v1/fees/sheet/", {"org": tree.cell_1.pk, "month": "x"}).status_code == 400
    assert (
        client_for(users.outsider)
        .get("/api/v1/fees/sheet/", {"org": tree.cell_1.pk, "month": "2026-06-01"})
        .status_code
        == 400
    )


def test_basis_and_remittance_through_the_api(users, members, tree):
    api = client_for(users.officer)
    body = {"member": members.lan.pk, "category": "not_insured", "valid_from": "2026-02-01"}
    refused = api.post("/api/v1/fee-bases/", body, format="json")
    assert refused.status_code == 400 and "vùng lương tối thiểu" in refused.json()["zone"][0]
    body["zone"] = 3
    assert api.post("/api/v1/fee-bases/", body, format="json").status_code == 201
    remit = {
        "organization": tree.cell_1.code,
        "period_start": "2026-04-01",
        "period_end": "2026-06-01",
        "amount": 12000,
        "remitted_on": "2026-07-01",
    }
    response = api.post("/api/v1/fee-remittances/", remit, format="json")
    assert response.status_code == 201 and response.json()["to_organization"] == tree.school.pk
