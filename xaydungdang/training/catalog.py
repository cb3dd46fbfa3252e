"""The course kinds every deployment starts with (the first migration loads the same rows)."""

from xaydungdang.training.models import CourseKind

COURSE_KINDS = [
    # code, name, purpose, theory level, legal basis, order
    ("nhan-thuc", "Bồi dưỡng nhận thức về Đảng", "awareness", "", "HD 12-HD/BTCTW 2022 §II.1.1 (GCN mẫu CN-NTVĐ)", 10),
    ("dang-vien-moi", "Chương trình lý luận chính trị dành cho đảng viên mới", "new_member", "",
     "HD 12-HD/BTCTW 2022 (hồ sơ công nhận đảng viên chính thức)", 20),
    ("so-cap", "Sơ cấp lý luận chính trị", "theory", "elementary", "KL 09-KL/TW 2021 (rules.md §2.11)", 30),
    ("trung-cap", "Trung cấp lý luận chính trị", "theory", "intermediate", "KL 09-KL/TW 2021 (rules.md §2.11)", 40),
    ("cao-cap", "Cao cấp lý luận chính trị", "theory", "advanced", "KL 09-KL/TW 2021 (rules.md §2.11)", 50),
    ("cu-nhan", "Cử nhân chính trị", "theory", "bachelor", "rules.md §2.11 (cử nhân tính như cao cấp)", 55),
    ("cap-uy-vien", "Bồi dưỡng cấp ủy viên", "committee", "", "", 60),
    ("khac", "Bồi dưỡng khác", "other", "", "", 90),
]  # fmt: skip


def ensure_course_kinds() -> dict[str, CourseKind]:
    """The standard kinds by code (a flushed test database lacks the migration's rows)."""
    kinds = {}
    for code, name, purpose, level, basis, order in COURSE_KINDS:
        kinds[code], _created = CourseKind.objects.get_or_create(
            code=code,
            defaults={"name": name, "purpose": purpose, "theory_level": level, "legal_basis": basis, "order": order},
        )
    return kinds
