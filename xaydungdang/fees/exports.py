"""The fee report as .xlsx, in the layout cells use: one row per level, money in whole đồng."""

from django.utils.translation import gettext as _

from xaydungdang.core.spreadsheets import xlsx_bytes
from xaydungdang.fees.selectors import LevelRow


def report_columns() -> list[str]:
    return [
        _("Tổ chức đảng"),
        _("Phải thu (đồng)"),
        _("Đã thu (đồng)"),
        _("Lượt miễn"),
        _("Lượt giảm"),
        _("Số tiền giảm (đồng)"),
        _("Nhận từ cấp dưới (đồng)"),
        _("Trích giữ lại (đồng)"),
        _("Phải nộp cấp trên (đồng)"),
        _("Đã nộp cấp trên (đồng)"),
        _("Chênh lệch (đồng)"),
    ]


def row_values(row: LevelRow) -> list:
    return [
        row.due,
        row.collected,
        row.exempt,
        row.reduced,
        row.reduced_amount,
        row.received,
        row.kept,
        row.remit_due,
        row.remitted,
        row.difference,
    ]


def report_xlsx(*, organization, start, end, rows: list[LevelRow], total: LevelRow, arrears: int) -> bytes:
    def write(book) -> None:
        sheet = book.sheet(_("Đảng phí"), widths=[44, *([16] * 10)])
        sheet.title(_("BÁO CÁO THU, NỘP ĐẢNG PHÍ"), merge_to=10)
        sheet.title(f"{organization.name} — {start:%m/%Y}–{end:%m/%Y}", size=11)
        sheet.blank()
        sheet.header(report_columns(), freeze_columns=1, height=45)
        for row in rows:
            indent = "  " * (row.organization.depth - organization.depth)
            sheet.row([indent + row.organization.name, *row_values(row)])
        bold = book.format(bold=True)
        sheet.row([_("Tổng cộng"), *row_values(total)], [bold] * 11)
        sheet.blank()
        sheet.row([_("Số đảng viên không đóng 3 tháng trong năm"), arrears])

    return xlsx_bytes(write)
