"""Make the Word templates of the documents a member may request (run once; the .docx files are committed).

    .venv/bin/python -m xaydungdang.selfservice.build_templates

Same layout as the lifecycle documents (members.lifecycle.build_templates, HD 36-HD/VPTW).
"""

from pathlib import Path

from xaydungdang.members.lifecycle.build_templates import _body, _document, _footer, _header, _title

DIR = Path(__file__).resolve().parent / "docx_templates"


def party_age_confirmation():
    document = _document()
    _header(document)
    _title(document, "GIẤY XÁC NHẬN", "Tuổi đảng của đảng viên")
    _body(
        document,
        [
            "{{ issuing_body_title }} xác nhận đồng chí {{ full_name }}, sinh ngày {{ birth_date }}, "
            "quê quán {{ hometown }}, số lý lịch {{ record_number }}, số thẻ đảng viên {{ card_number }},",
            "được kết nạp vào Đảng theo quyết định ngày {{ admission_decision_date }}, vào Đảng ngày "
            "{{ admission_date }}, chính thức ngày {{ official_date }}; hiện là {{ status }}, sinh hoạt tại "
            "{{ organization }}.",
            "Tuổi đảng tính đến ngày {{ on }}: {{ party_age }}.",
            "Giấy xác nhận cấp theo đề nghị của đảng viên để {{ purpose }}.",
        ],
    )
    _footer(document, ["Đảng viên có tên trên,"], "T/M CHI ỦY")
    return document


def introduction_letter():
    document = _document()
    _header(document)
    _title(document, "GIẤY GIỚI THIỆU", "")
    _body(
        document,
        [
            "Trân trọng giới thiệu đồng chí {{ full_name }}, sinh ngày {{ birth_date }}, {{ status }}, "
            "vào Đảng ngày {{ admission_date }}, sinh hoạt tại {{ organization }},",
            "đến {{ addressee }}",
            "về việc {{ purpose }}.",
            "Đề nghị quý cơ quan, tổ chức tạo điều kiện để đồng chí hoàn thành nhiệm vụ. "
            "Giấy có giá trị đến hết ngày {{ valid_until }}.",
        ],
    )
    _footer(document, ["Như trên,", "Đảng viên có tên trên,"], "T/M CHI ỦY")
    return document


TEMPLATES = {
    "giay_xac_nhan_tuoi_dang.docx": party_age_confirmation,
    "giay_gioi_thieu.docx": introduction_letter,
}


def main() -> None:
    DIR.mkdir(exist_ok=True)
    for name, build in TEMPLATES.items():
        build().save(DIR / name)


if __name__ == "__main__":
    main()
