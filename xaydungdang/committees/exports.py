"""The committee-structure table as .xlsx (through core.spreadsheets, the one writer)."""

import datetime as dt

from django.utils.translation import gettext as _

from xaydungdang.committees.rules import age_band_labels
from xaydungdang.core.spreadsheets import xlsx_bytes


def structure_header(day: dt.date) -> list[str]:
    return [
        _("Chức vụ"),
        _("Tổng số"),
        _("Nữ"),
        *[_("Tuổi %(band)s") % {"band": band} for band in age_band_labels(day)],
        _("Dân tộc thiểu số"),
        _("Đại học trở lên"),
        _("Sau đại học"),
        _("Cao cấp, cử nhân lý luận chính trị"),
        _("Tái cử"),
    ]


def structure_values(row) -> list:
    return [
        row.post_kind.name,
        row.count,
        row.women,
        *row.bands,
        row.minority,
        row.higher_education,
        row.postgraduate,
        row.advanced_theory,
        row.reelected,
    ]


def structure_workbook(organization, day: dt.date, rows) -> bytes:
    def write(book) -> None:
        sheet = book.sheet(_("Cơ cấu cấp ủy"), widths=[32] + [12] * 11)
        sheet.title(_("Cơ cấu cấp ủy — %(name)s, ngày %(day)s") % {"name": organization.name, "day": f"{day:%d/%m/%Y}"})
        sheet.blank()
        sheet.header(structure_header(day))
        for row in rows:
            sheet.row(structure_values(row))

    return xlsx_bytes(write)
