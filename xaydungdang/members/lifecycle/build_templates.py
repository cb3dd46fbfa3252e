"""Make the Word templates of the lifecycle documents (run once; the .docx files are committed).

    .venv/bin/python -m xaydungdang.members.lifecycle.build_templates

Layout of a Party document (HD 36-HD/VPTW on the format of Party documents): the upper body and the
issuing body with the number on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date in italics on the
right, the title centred in bold, the body, "Nơi nhận" on the left and the signature block on the right.
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

DIR = Path(__file__).resolve().parent.parent / "docx_templates"
FONT = "Times New Roman"


def _paragraph(container, text="", *, bold=False, italic=False, underline=False, align=None, size=13, space_after=0):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.name = FONT
    run.font.size = Pt(size)
    return paragraph


def _document():
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    return document


def _header(document):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(8.5)
    left.paragraphs[0].text = ""
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(left, "{{ upper_body }}", align=center)
    _paragraph(left, "{{ issuing_body }}", bold=True, align=center)
    _paragraph(left, "*", align=center)
    _paragraph(left, "Số {{ number }}", align=center, size=14)
    right.paragraphs[0].text = ""
    _paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, align=center, size=15)
    _paragraph(right, "")
    _paragraph(
        right,
        "{{ place }}, ngày {{ signed.day }} tháng {{ signed.month }} năm {{ signed.year }}",
        italic=True,
        align=center,
        size=14,
    )
    _paragraph(document, "")


def _title(document, title, subtitle):
    _paragraph(document, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=15)
    _paragraph(document, subtitle, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14, space_after=6)
    _paragraph(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)


def _body(document, lines):
    for line in lines:
        paragraph = _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, size=14, space_after=6)
        paragraph.paragraph_format.first_line_indent = Cm(1)


def _footer(document, recipients, signer_title):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    _paragraph(left, "Nơi nhận:", bold=True, underline=True, size=12)
    for recipient in recipients:
        _paragraph(left, f"- {recipient}", size=12)
    _paragraph(left, "- Lưu hồ sơ đảng viên.", size=12)
    right.paragraphs[0].text = ""
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(right, signer_title, bold=True, align=center, size=14)
    _paragraph(right, "(Ký, đóng dấu)", italic=True, align=center, size=13)
    for _i in range(3):
        _paragraph(right, "")
    _paragraph(right, "……………………", bold=True, align=center, size=14)


def admission_decision():
    document = _document()
    _header(document)
    _title(document, "QUYẾT ĐỊNH", "Về việc kết nạp đảng viên")
    _body(
        document,
        [
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam và Quy định thi hành Điều lệ Đảng;",
            "Xét nghị quyết của chi bộ và đề nghị của cấp ủy cơ sở,",
        ],
    )
    _paragraph(document, "QUYẾT ĐỊNH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14, space_after=6)
    _body(
        document,
        [
            "Điều 1. Kết nạp đồng chí {{ full_name }}, sinh ngày {{ birth_date }}, quê quán {{ hometown }}, "
            "vào Đảng Cộng sản Việt Nam; thời gian dự bị 12 tháng kể từ ngày tổ chức lễ kết nạp.",
            "Điều 2. {{ organization }} tổ chức lễ kết nạp trong thời hạn 30 ngày làm việc kể từ ngày nhận quyết định.",
            "Điều 3. Các tổ chức đảng có liên quan và đồng chí có tên trên thi hành quyết định này.",
        ],
    )
    _footer(document, ["Như Điều 3,"], "T/M BAN THƯỜNG VỤ")
    return document


def recognition_decision():
    document = _document()
    _header(document)
    _title(document, "QUYẾT ĐỊNH", "Về việc công nhận đảng viên chính thức")
    _body(
        document,
        [
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam và Quy định thi hành Điều lệ Đảng;",
            "Xét nghị quyết của chi bộ và đề nghị của cấp ủy cơ sở,",
        ],
    )
    _paragraph(document, "QUYẾT ĐỊNH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14, space_after=6)
    _body(
        document,
        [
            "Điều 1. Công nhận đồng chí {{ full_name }}, sinh ngày {{ birth_date }}, sinh hoạt tại "
            "{{ organization }}, kết nạp vào Đảng ngày {{ admission_date }}, là đảng viên chính thức "
            "kể từ ngày {{ effective_date }}.",
            "Điều 2. Các tổ chức đảng có liên quan và đồng chí có tên trên thi hành quyết định này.",
        ],
    )
    _footer(document, ["Như Điều 2,"], "T/M BAN THƯỜNG VỤ")
    return document


def transfer_letter():
    document = _document()
    _header(document)
    _title(document, "GIẤY GIỚI THIỆU", "Sinh hoạt đảng chính thức")
    _body(
        document,
        [
            "Giới thiệu đồng chí {{ full_name }}, sinh ngày {{ birth_date }}, {{ status }}, "
            "vào Đảng ngày {{ admission_date }}, số lý lịch {{ record_number }}, số thẻ {{ card_number }},",
            "hiện sinh hoạt tại {{ organization }},",
            "được chuyển sinh hoạt đảng chính thức đến {{ destination }}.",
            "Đề nghị tổ chức đảng nơi đến tiếp nhận và quản lý. Đồng chí có trách nhiệm xuất trình giấy giới "
            "thiệu này trước ngày {{ present_by }} (30 ngày làm việc kể từ ngày ký).",
        ],
    )
    _footer(document, ["Như trên,", "Đảng viên có tên trên,"], "T/M ĐẢNG ỦY")
    return document


def main() -> None:
    DIR.mkdir(exist_ok=True)
    for name, build in {
        "quyet_dinh_ket_nap.docx": admission_decision,
        "quyet_dinh_cong_nhan_chinh_thuc.docx": recognition_decision,
        "giay_gioi_thieu_chuyen_sinh_hoat.docx": transfer_letter,
    }.items():
        build().save(DIR / name)


if __name__ == "__main__":
    main()
