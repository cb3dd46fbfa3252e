"""A filled form as .xlsx (core.spreadsheets) and as .docx in the Party's layout (core.docx), hence PDF."""

from xaydungdang.core import docx as layout
from xaydungdang.core.spreadsheets import Workbook, xlsx_bytes
from xaydungdang.reports.hd11 import FilledForm

PERCENT = '0.00"%"'


def _heading(filled: FilledForm) -> str:
    return f"Biểu {filled.form.code}: {filled.form.title} — {filled.organization.name}, đến ngày {filled.on:%d/%m/%Y}"


def _number(value):
    return float(value) if value is not None and not isinstance(value, int) else value


def forms_xlsx(filled_forms: list[FilledForm]) -> bytes:
    def write(workbook: Workbook) -> None:
        percent = workbook.format(num_format=PERCENT)
        bold = workbook.format(bold=True)
        for filled in filled_forms:
            sheet = workbook.sheet(f"Biểu {filled.form.code}", widths=[6, 58, *[14] * len(filled.form.columns)])
            sheet.title(_heading(filled), merge_to=1 + len(filled.form.columns))
            sheet.header(["STT", "Chỉ tiêu", *filled.form.column_labels])
            number = 0
            for row, values in filled.rows:
                if row.heading:
                    sheet.row(["", row.label], [None, bold])
                    continue
                number += 1
                formats = [None, None, *[percent if c == "share" else None for c in filled.form.columns]]
                sheet.row([number, row.label.strip(), *[_number(v) for v in values]], formats)

    return xlsx_bytes(write)


def _vn(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return f"{value:.2f}".replace(".", ",")


def forms_docx(filled_forms: list[FilledForm]) -> bytes:
    """The forms one after another, under the header of the organization reporting (for print and PDF)."""
    first = filled_forms[0]
    document = layout.new_document()
    head = layout.letterhead(first.organization, standing=False)
    root = first.organization
    while layout.parent_of(root) is not None:
        root = layout.parent_of(root)
    layout.header(document, head, number="      -BC/…", place=layout.place_of(root.name), day=first.on)
    for filled in filled_forms:
        layout.paragraph(document, f"BIỂU {filled.form.code}", bold=True, align="center")
        layout.paragraph(document, filled.form.title.upper(), bold=True, align="center")
        layout.paragraph(
            document, f"(Số liệu đến ngày {filled.on:%d/%m/%Y})", italic=True, align="center", space_after=6
        )
        rows = []
        number = 0
        for row, values in filled.rows:
            if row.heading:
                rows.append(["", row.label, *[""] * len(filled.form.columns)])
                continue
            number += 1
            rows.append([str(number), row.label.strip(), *[_vn(v) for v in values]])
        layout.table(document, ["STT", "Chỉ tiêu", *filled.form.column_labels], rows)
        layout.paragraph(document, "", space_after=12)
    layout.footer(document, ["Cấp ủy cấp trên,", "Lưu văn phòng cấp ủy."], head.on_behalf,
                  layout.signer_for(first.organization, first.on))  # fmt: skip
    return layout.to_bytes(document)
