"""Make the Word templates of the lifecycle documents (run once; the .docx files are committed).

    .venv/bin/python -m xaydungdang.members.lifecycle.build_templates

The layout is the Party's (HD 36-HD/VPTW), shared by every generated document: `xaydungdang.core.docx`.
Offices may edit the templates in Word as long as the {{ placeholders }} stay.
"""

from pathlib import Path

from xaydungdang.core import docx as layout

DIR = Path(__file__).resolve().parent.parent / "docx_templates"
HEAD = layout.Letterhead("{{ upper_body }}", "{{ issuing_body }}", "{{ on_behalf }}")
DATED = "{{ place }}, ngày {{ signed.day }} tháng {{ signed.month }} năm {{ signed.year }}"
SIGNER = layout.Signer("{{ signer_post }}", "{{ signer_name }}")


def _document(name: str, subject: str):
    document = layout.new_document()
    layout.header(document, HEAD, number="{{ number }}", dated=DATED)
    layout.title(document, name, subject)
    return document


def _decides(document):
    layout.paragraph(document, "QUYẾT ĐỊNH", bold=True, align="center", space_after=6)


def admission_decision():
    document = _document("QUYẾT ĐỊNH", "Về việc kết nạp đảng viên")
    layout.body(
        document,
        [
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam và Quy định thi hành Điều lệ Đảng;",
            "Xét nghị quyết của chi bộ và đề nghị của cấp ủy cơ sở,",
        ],
    )
    _decides(document)
    layout.body(
        document,
        [
            "Điều 1. Kết nạp đồng chí {{ full_name }}, sinh ngày {{ birth_date }}, quê quán {{ hometown }}, "
            "vào Đảng Cộng sản Việt Nam; thời gian dự bị 12 tháng kể từ ngày tổ chức lễ kết nạp.",
            "Điều 2. {{ organization }} tổ chức lễ kết nạp trong thời hạn 30 ngày làm việc kể từ ngày nhận quyết định.",
            "Điều 3. Các tổ chức đảng có liên quan và đồng chí có tên trên thi hành quyết định này.",
        ],
    )
    layout.footer(document, ["Như Điều 3,", "Lưu hồ sơ đảng viên."], HEAD.on_behalf, SIGNER)
    return document


def recognition_decision():
    document = _document("QUYẾT ĐỊNH", "Về việc công nhận đảng viên chính thức")
    layout.body(
        document,
        [
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam và Quy định thi hành Điều lệ Đảng;",
            "Xét nghị quyết của chi bộ và đề nghị của cấp ủy cơ sở,",
        ],
    )
    _decides(document)
    layout.body(
        document,
        [
            "Điều 1. Công nhận đồng chí {{ full_name }}, sinh ngày {{ birth_date }}, sinh hoạt tại "
            "{{ organization }}, kết nạp vào Đảng ngày {{ admission_date }}, là đảng viên chính thức "
            "kể từ ngày {{ effective_date }}.",
            "Điều 2. Các tổ chức đảng có liên quan và đồng chí có tên trên thi hành quyết định này.",
        ],
    )
    layout.footer(document, ["Như Điều 2,", "Lưu hồ sơ đảng viên."], HEAD.on_behalf, SIGNER)
    return document


def transfer_letter():
    document = _document("GIẤY GIỚI THIỆU", "Sinh hoạt đảng chính thức")
    layout.body(
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
    layout.footer(document, ["Như trên,", "Đảng viên có tên trên,", "Lưu hồ sơ đảng viên."], HEAD.on_behalf, SIGNER)
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
