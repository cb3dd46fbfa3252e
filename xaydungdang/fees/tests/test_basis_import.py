"""Import of fee bases: all or nothing with errors by row and column, re-import changes nothing, scoped."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.exchange.fee_basis_import import import_fee_bases
from xaydungdang.fees.models import FeeBasis
from xaydungdang.fees.selectors import member_fee

pytestmark = pytest.mark.django_db


def csv(members, extra=""):
    return (
        "Số lý lịch,Họ và tên,Đối tượng,Số tiền làm căn cứ,Vùng,Áp dụng từ ngày\n"
        f'{members.hung.record_number},Nguyễn Văn Hùng,Hưởng lương hưu,"6.000.000",,01/02/2026\n'
        f'{members.lan.record_number},Trần Thị Lan,"Không đóng BHXH bắt buộc, không hưởng lương hưu",,Vùng II,01/02/2026\n'
        + extra
    ).encode()


def test_bases_import_all_or_nothing_and_re_import_changes_nothing(members, users):
    bad = csv(
        members,
        f"{members.hoa.record_number},Đặng Thị Hoa,Hưởng lương hưu,,,01/02/2026\nX9,Ai đó,Học sinh,,,32/01/2026\n",
    )
    result = import_fee_bases(actor=users.officer, file_name="cancu.csv", content=bad, commit=True)
    assert not FeeBasis.objects.exists()
    assert [(e["row"], e["column"]) for e in result.errors] == [
        (4, "Số tiền làm căn cứ"),
        (5, "Đối tượng"),
        (5, "Áp dụng từ ngày"),
    ]
    dry = import_fee_bases(actor=users.officer, file_name="cancu.csv", content=csv(members), commit=False)
    assert (dry.created, dry.errors, FeeBasis.objects.count()) == (2, [], 0)
    done = import_fee_bases(actor=users.officer, file_name="cancu.csv", content=csv(members), commit=True)
    assert done.created == 2
    assert member_fee(members.lan, dt.date(2026, 3, 1)).amount == 14_190
    again = import_fee_bases(actor=users.officer, file_name="cancu.csv", content=csv(members), commit=True)
    assert (again.created, again.unchanged, FeeBasis.objects.count()) == (0, 2, 2)


def test_members_out_of_scope_are_not_found(members, users):
    result = import_fee_bases(actor=users.outsider, file_name="cancu.csv", content=csv(members), commit=True)
    assert len(result.errors) == 2 and not FeeBasis.objects.exists()


def test_upload_page(client, members, users):
    client.login(username=users.officer.username, password=PASSWORD)
    url = reverse("exchange:fee_bases")
    response = client.post(url, {"file": SimpleUploadedFile("cancu.csv", csv(members)), "commit": "on"})
    assert response.status_code == 200 and "Đã ghi" in response.content.decode()
    assert FeeBasis.objects.count() == 2
    client.login(username=users.nobody.username, password=PASSWORD)
    assert client.get(url).status_code == 404
