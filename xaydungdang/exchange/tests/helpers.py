"""Files for the import tests, built the way people build them (openpyxl or plain CSV text)."""

import io

from openpyxl import Workbook

HEADERS = [
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Dân tộc",
    "Tôn giáo",
    "Số CCCD",
    "Quê quán",
    "Nơi cư trú",
    "Số điện thoại",
    "Mã chi bộ",
    "Ngày quyết định kết nạp",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số thẻ đảng viên",
    "Số lý lịch",
    "Giáo dục phổ thông",
    "Chuyên môn",
    "Lý luận chính trị",
    "Nghề nghiệp",
]

MAI = [
    "Võ Thị Mai", "Nữ", "12/04/1990", "Kinh", "Không", "092190001234", "Cần Thơ", "Ninh Kiều", "0912345678",
    "P92-A-S-1", "20/05/2015", "01/06/2015", "01/06/2016", "12345678", "100001CT", "Trung học phổ thông",
    "Đại học", "Trung cấp", "Viên chức",
]  # fmt: skip
BINH = [
    "Trần Văn Bình", "Nam", "03/02/1988", "Tày", "Phật giáo", "092088004321", "Hậu Giang", "Cái Răng", "",
    "P92-A-V", "", "10/10/2012", "", "", "100002CT", "Trung học phổ thông", "Cao đẳng", "Sơ cấp", "Nông, lâm, ngư nghiệp",
]  # fmt: skip


def xlsx(rows, headers=HEADERS, above=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for line in above:
        sheet.append(line)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, headers=HEADERS, delimiter=",") -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
