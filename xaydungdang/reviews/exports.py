"""The results of a period as an .xlsx workbook (rows → bytes; no queries here)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

BOLD = Font(bold=True)
PERCENT = '0.00"%"'


def _sheet_rows(ws, header: list[str], rows: list[list]) -> None:
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = BOLD
    for row in rows:
        ws.append(row)
    for column in ws.columns:
        width = max(len(str(c.value or "")) for c in column)
        ws.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)


def results_workbook(*, title: str, members, organizations, comparison, failed_twice) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Đảng viên"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    rows = [[label, count, float(rate) if rate is not None else None] for label, count, rate in members.rows()]
    rows += [
        ["Không xếp loại", members.not_rated, None],
        ["Đã tự kiểm điểm", members.self_assessed, float(members.self_review_rate or 0)],
    ]
    _sheet_rows(ws, ["Mức xếp loại", "Số đảng viên", "Tỷ lệ (%)"], rows)
    for cell in ws["C"][2:]:
        cell.number_format = PERCENT
    ws = wb.create_sheet("Tổ chức đảng")
    org_rows = [
        [group.label, label, count, float(rate) if rate is not None else None]
        for group in organizations
        for label, count, rate in group.rows()
    ]
    _sheet_rows(ws, ["Loại tổ chức", "Mức xếp loại", "Số tổ chức", "Tỷ lệ (%)"], org_rows)
    ws = wb.create_sheet("So sánh các kỳ")
    comp_rows = [
        [c.label, *[n for _, n, _ in c.rows()], *[float(r) if r is not None else None for _, _, r in c.rows()]]
        for c in comparison
    ]
    _sheet_rows(
        ws,
        [
            "Kỳ",
            "Xuất sắc",
            "Tốt",
            "Hoàn thành",
            "Không hoàn thành",
            "% Xuất sắc",
            "% Tốt",
            "% Hoàn thành",
            "% Không hoàn thành",
        ],
        comp_rows,
    )
    ws = wb.create_sheet("KHT 2 năm liền")
    _sheet_rows(ws, ["Họ và tên", "Chi bộ"], [[r.member.full_name, str(r.dossier.organization)] for r in failed_twice])
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
