"""The dated tables the fee rules read, with their legal basis (rules.md §2.5)."""

import datetime as dt

from django.db import migrations

D = dt.date
QD01 = "QĐ 01-QĐ/TW 03/02/2026 (Bộ Chính trị) Điều 3, áp dụng từ tháng 02/2026"
QD342 = "QĐ 342-QĐ/TW 28/12/2010, hiệu lực 01/4/2011 (lịch sử)"
OLD_END = D(2026, 1, 31)
NEW = D(2026, 2, 1)
STEP_2028 = D(2028, 1, 1)

# category, bracket, rate (per ten thousand), of minimum wage, fixed amount, from, to, basis
RATES = [
    ("salary", "any", 100, False, None, D(2011, 4, 1), OLD_END, QD342 + ": 1% tiền lương, phụ cấp đóng BHXH"),
    ("pension", "any", 50, False, None, D(2011, 4, 1), OLD_END, QD342 + ": 0,5% lương hưu"),
    ("salary", "any", 100, False, None, NEW, None, QD01 + ": 1% tiền lương đóng BHXH bắt buộc của tháng trước liền kề"),
    ("leave_benefit", "any", 100, False, None, NEW, None, QD01 + ": 1% trợ cấp BHXH khi nghỉ ốm đau, thai sản"),
    ("pension", "any", 50, False, None, NEW, None, QD01 + ": 0,5% lương hưu"),
    ("not_insured", "below", 30, True, None, NEW, D(2027, 12, 31), QD01 + " điểm 2.2 khoản 2: 0,3% lương tối thiểu vùng (2026–2027)"),
    ("not_insured", "below", 50, True, None, STEP_2028, None, QD01 + " điểm 2.2 khoản 2: 0,5% lương tối thiểu vùng từ 01/01/2028"),
    ("not_insured", "retired", 20, True, None, NEW, D(2027, 12, 31), QD01 + " điểm 2.2 khoản 2: từ tuổi nghỉ hưu 0,2% lương tối thiểu vùng (2026–2027)"),
    ("not_insured", "retired", 30, True, None, STEP_2028, None, QD01 + " điểm 2.2 khoản 2: từ tuổi nghỉ hưu 0,3% lương tối thiểu vùng từ 01/01/2028"),
    ("student", "any", None, False, 5000, NEW, None, QD01 + ": học sinh, sinh viên 5.000 đ/tháng"),
    ("abroad", "any", 10000, False, None, NEW, None, QD01 + " [UNSURE] đảng viên ở ngoài nước theo quy định riêng: mức do tổ chức đảng ngoài nước xác định, ghi ở căn cứ"),
]

ND74 = "NĐ 74/2024/NĐ-CP, áp dụng từ 01/7/2024"
ND293 = "NĐ 293/2025/NĐ-CP, áp dụng từ 01/01/2026"
WAGES = [
    (1, 4_960_000, D(2024, 7, 1), D(2025, 12, 31), ND74),
    (2, 4_410_000, D(2024, 7, 1), D(2025, 12, 31), ND74),
    (3, 3_860_000, D(2024, 7, 1), D(2025, 12, 31), ND74),
    (4, 3_450_000, D(2024, 7, 1), D(2025, 12, 31), ND74),
    (1, 5_310_000, D(2026, 1, 1), None, ND293),
    (2, 4_730_000, D(2026, 1, 1), None, ND293),
    (3, 4_140_000, D(2026, 1, 1), None, ND293),
    (4, 3_700_000, D(2026, 1, 1), None, ND293),
]

GAP = " — tỷ lệ theo QĐ 01-QĐ/TW 2026 chưa tìm thấy [GAP]: áp dụng tiếp cho đến khi thêm dòng mới"
SHARES = [
    ("cell", "", 50, QD342 + ": chi bộ trực thuộc đảng bộ cơ sở giữ lại 30–50% (mặc định 50%) [INFERRED]" + GAP),
    ("partial_committee", "", 50, QD342 + ": đảng bộ bộ phận như chi bộ trực thuộc [INFERRED]" + GAP),
    ("grassroots_committee", "territorial", 90, QD342 + ": TCCSĐ xã, phường, thị trấn giữ lại 90%" + GAP),
    ("grassroots_cell", "territorial", 90, QD342 + ": TCCSĐ xã, phường, thị trấn giữ lại 90%" + GAP),
    ("grassroots_committee", "", 70, QD342 + ": TCCSĐ khác giữ lại 70%" + GAP),
    ("grassroots_cell", "", 70, QD342 + ": TCCSĐ khác giữ lại 70%" + GAP),
    ("upper_grassroots", "", 50, QD342 + ": mỗi cấp trên cơ sở giữ lại 50%" + GAP),
    ("provincial", "", 50, QD342 + ": mỗi cấp trên cơ sở giữ lại 50%" + GAP),
]


def seed(apps, schema_editor):
    FeeRate = apps.get_model("fees", "FeeRate")
    RegionalMinimumWage = apps.get_model("fees", "RegionalMinimumWage")
    RemittanceShare = apps.get_model("fees", "RemittanceShare")
    FeeRate.objects.bulk_create(
        FeeRate(
            category=c, bracket=b, rate=r, of_minimum_wage=m, fixed_amount=f, valid_from=s, valid_to=e, legal_basis=l
        )
        for c, b, r, m, f, s, e, l in RATES
    )
    RegionalMinimumWage.objects.bulk_create(
        RegionalMinimumWage(zone=z, amount=a, valid_from=s, valid_to=e, legal_basis=l) for z, a, s, e, l in WAGES
    )
    RemittanceShare.objects.bulk_create(
        RemittanceShare(kind=k, sector=s, keep_percent=p, valid_from=D(2011, 4, 1), legal_basis=l)
        for k, s, p, l in SHARES
    )


def unseed(apps, schema_editor):
    for name in ("FeeRate", "RegionalMinimumWage", "RemittanceShare"):
        apps.get_model("fees", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("fees", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
