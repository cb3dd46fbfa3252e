"""Statement import: matching by member and period, the unmatched list, idempotent re-import, unreadable
cells refused by row and column, manual matching of a line."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.access.policy import SYSTEM, OutOfScope
from xaydungdang.core.spreadsheets import xlsx_bytes
from xaydungdang.exchange.fee_statements import parse_amount, read_statement
from xaydungdang.fees import services as svc
from xaydungdang.fees.choices import Category, LineStatus
from xaydungdang.fees.models import FeePayment, StatementLine
from xaydungdang.fees.statements import period_in, statement_import, statement_line_match

pytestmark = pytest.mark.django_db
D = dt.date

CSV = (
    "SAO KÊ TÀI KHOẢN CHI BỘ GIÁO VIÊN 1\n"
    "\n"
    "Ngày giao dịch,Số tiền,Nội dung,Mã giao dịch\n"
    '05/06/2026,"30.000",NGUYEN VAN HUNG dong dang phi T6/2026,FT001\n'
    "06/06/2026,90000,Tran Thi Lan nop dang phi thang 07/2026,FT002\n"
    "07/06/2026,25000,Ung ho quy chi bo,FT003\n"
    "08/06/2026,30000,CCCD 092085000123 dang phi T8/2026,FT004\n"
)


@pytest.fixture
def bases(members):
    for member in (members.hung, members.lan):
        svc.fee_basis_set(
            actor=SYSTEM, member=member, category=Category.PENSION, amount=6_000_000, valid_from=D(2026, 1, 1)
        )


def run(actor, tree, content=None, name="saoke.csv"):
    content = CSV.encode() if content is None else content
    rows = read_statement(name, content)
    return statement_import(actor=actor, organization=tree.cell_1, file_name=name, content=content, rows=rows)


def test_lines_are_matched_by_name_or_cccd_and_period_and_pay_as_many_months_as_the_amount(tree, members, users, bases):
    statement = run(users.secretary, tree)
    assert (statement.rows, statement.matched, statement.unmatched, statement.skipped) == (4, 3, 1, 0)
    paid = {(p.member.full_name, p.month, p.amount, p.method) for p in FeePayment.objects.select_related("member")}
    assert paid == {
        ("Nguyễn Văn Hùng", D(2026, 6, 1), 30_000, "bank"),
        ("Trần Thị Lan", D(2026, 7, 1), 30_000, "bank"),  # 90,000 pays July, August, September in advance
        ("Trần Thị Lan", D(2026, 8, 1), 30_000, "bank"),
        ("Trần Thị Lan", D(2026, 9, 1), 30_000, "bank"),
        ("Nguyễn Văn Hùng", D(2026, 8, 1), 30_000, "bank"),  # by the CCCD in the text
    }
    unmatched = StatementLine.objects.get(status=LineStatus.UNMATCHED)
    assert unmatched.row_number == 6 and "Không nhận ra đảng viên" in unmatched.problem


def test_re_importing_the_same_statement_records_nothing_twice(tree, members, users, bases):
    run(users.secretary, tree)
    again = run(users.secretary, tree, name="saoke-lan-2.csv")
    assert (again.rows, again.skipped, again.matched, again.unmatched) == (4, 4, 0, 0)
    assert FeePayment.objects.count() == 5
    # A later statement overlapping the first: only its new line counts.
    more = CSV + "09/06/2026,30000,Nguyen Van Hung T9/2026,FT005\n"
    third = run(users.secretary, tree, content=more.encode())
    assert (third.skipped, third.matched) == (4, 1)
    assert FeePayment.objects.count() == 6


def test_an_amount_that_is_not_a_multiple_of_the_fee_stays_unmatched(tree, members, users, bases):
    content = "Ngày giao dịch,Số tiền,Nội dung\n05/06/2026,45000,Nguyen Van Hung T6/2026\n".encode()
    statement = run(users.secretary, tree, content=content)
    line = statement.lines.get()
    assert line.status == LineStatus.UNMATCHED and line.member == members.hung and "bội số" in line.problem
    statement_line_match(actor=users.secretary, line=line, member=members.hung, first_month=D(2026, 6, 1))
    line.refresh_from_db()
    assert line.status == LineStatus.MATCHED and FeePayment.objects.get().amount == 45_000
    with pytest.raises(ValidationError):
        statement_line_match(actor=users.secretary, line=line, member=members.hung, first_month=D(2026, 7, 1))


def test_a_month_already_paid_is_not_paid_again_from_a_statement(tree, members, users, bases):
    svc.payment_record(actor=users.secretary, member=members.hung, first_month=D(2026, 6, 1), paid_on=D(2026, 6, 2))
    content = "Ngày giao dịch,Số tiền,Nội dung\n05/06/2026,30000,Nguyen Van Hung T6/2026\n".encode()
    line = run(users.secretary, tree, content=content).lines.get()
    assert line.status == LineStatus.UNMATCHED and "06/2026" in line.problem
    assert FeePayment.objects.count() == 1


def test_unreadable_cells_stop_the_import_with_row_and_column(tree, users):
    content = "Ngày giao dịch,Số tiền,Nội dung\n32/06/2026,30000,x\n05/06/2026,abc,y\n".encode()
    with pytest.raises(ValidationError) as exc:
        read_statement("saoke.csv", content)
    messages = exc.value.message_dict["file"]
    assert messages[0].startswith("Dòng 2, cột «Ngày giao dịch»") and messages[1].startswith("Dòng 3, cột «Số tiền»")


def test_xlsx_statements_with_bank_headers(tree, members, users, bases):
    def write(book):
        sheet = book.sheet("Sao kê")
        sheet.row(["Ngân hàng X — sao kê"])
        sheet.row(["Ngày", "Ghi có", "Diễn giải", "Số tham chiếu"])
        sheet.row([D(2026, 6, 5), 30000, "Tran Thi Lan dang phi thang 6/2026", "R1"])

    content = xlsx_bytes(write)
    statement = run(users.secretary, tree, content=content, name="saoke.xlsx")
    assert statement.matched == 1 and FeePayment.objects.get().member == members.lan


def test_only_those_who_change_the_cell_import(tree, users):
    with pytest.raises(OutOfScope):
        run(users.leader, tree)


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        (150000, 150000),
        (150000.0, 150000),
        ("150.000", 150000),
        ("150,000 VND", 150000),
        ("150.000,00", 150000),
        ("1.250.000 đ", 1250000),
    ],
)
def test_amounts_as_banks_write_them(raw, amount):
    assert parse_amount(raw) == amount


def test_periods_in_transfer_texts():
    assert period_in("DANG PHI T6/2026") == D(2026, 6, 1)
    assert period_in("nop dang phi thang 12-2026") == D(2026, 12, 1)
    assert period_in("ngay 05/06/2026") is None


def test_upload_page_imports_and_shows_the_unmatched_list(client, tree, members, users, bases):
    client.login(username=users.secretary.username, password=PASSWORD)
    url = reverse("exchange:fee_statement", args=[tree.cell_1.pk])
    response = client.post(url, {"method": "bank", "file": SimpleUploadedFile("saoke.csv", CSV.encode())})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Ung ho quy chi bo" in page and "3 đã đối chiếu" in page
    bad = client.post(url, {"method": "bank", "file": SimpleUploadedFile("saoke.csv", b"a,b\n1,2\n")})
    assert bad.status_code == 400 and "Không tìm thấy dòng tiêu đề" in bad.content.decode()
    client.login(username=users.leader.username, password=PASSWORD)
    assert client.get(url).status_code == 404
