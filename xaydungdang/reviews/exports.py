"""The results of a period as an .xlsx workbook (rows → bytes through core.spreadsheets; no queries here)."""

from xaydungdang.core.spreadsheets import Workbook, xlsx_bytes

PERCENT = '0.00"%"'


def _sheet(workbook: Workbook, name: str, header: list[str], rows: list[list], *, percent_from: int | None = None):
    widths = [
        min(
            max(max((len(str(row[i] if row[i] is not None else "")) for row in [header, *rows]), default=8) + 2, 10), 60
        )
        for i in range(len(header))
    ]
    sheet = workbook.sheet(name, widths=widths)
    return sheet, widths


def _table(sheet, workbook: Workbook, header: list[str], rows: list[list], *, percent_from: int | None) -> None:
    sheet.header(header)
    percent = workbook.format(num_format=PERCENT)
    for row in rows:
        formats = [percent if percent_from is not None and i >= percent_from else None for i in range(len(row))]
        sheet.row(row, formats)


def results_workbook(*, title: str, members, organizations, comparison, failed_twice, target=None) -> bytes | None:
    member_rows = [
        [label, count, float(rate) if rate is not None else None] for label, count, rate in members.summary_rows()
    ]
    member_rows += [
        ["Không xếp loại", members.not_rated, None],
        ["Đã tự kiểm điểm", members.self_assessed, float(members.self_review_rate or 0)],
    ]
    org_rows = [
        [group.label, label, count, float(rate) if rate is not None else None]
        for group in organizations
        for label, count, rate in group.summary_rows()
    ]
    comp_rows = [
        [c.label, *[n for _, n, _ in c.rows()], *[float(r) if r is not None else None for _, _, r in c.rows()]]
        for c in comparison
    ]
    comp_header = [
        "Kỳ", "Xuất sắc", "Tốt", "Hoàn thành", "Không hoàn thành",
        "% Xuất sắc", "% Tốt", "% Hoàn thành", "% Không hoàn thành",
    ]  # fmt: skip
    twice_rows = [[r.member.full_name, str(r.dossier.organization)] for r in failed_twice]

    def write(workbook: Workbook) -> None:
        header = ["Mức xếp loại", "Số đảng viên", "Tỷ lệ (%)"]
        sheet, _widths = _sheet(workbook, "Đảng viên", header, member_rows)
        sheet.title(title)
        _table(sheet, workbook, header, member_rows, percent_from=2)
        for name, header, rows, percent_from in (
            ("Tổ chức đảng", ["Loại tổ chức", "Mức xếp loại", "Số tổ chức", "Tỷ lệ (%)"], org_rows, 3),
            ("So sánh các kỳ", comp_header, comp_rows, 5),
            ("KHT 2 năm liền", ["Họ và tên", "Chi bộ"], twice_rows, None),
        ):
            sheet, _widths = _sheet(workbook, name, header, rows)
            _table(sheet, workbook, header, rows, percent_from=percent_from)

    if target is not None:
        with Workbook(target) as workbook:
            write(workbook)
        return None
    return xlsx_bytes(write)
