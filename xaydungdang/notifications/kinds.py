"""The kinds of notifications a user may tune in their preferences. A notification's `kind` belongs to the
family whose key is the kind itself or its prefix up to a dot ("due.probation" → "due")."""

from django.utils.translation import gettext_lazy as _

KINDS: dict[str, object] = {
    "due": _("Việc cần làm đến hạn"),
    "meeting_notice": _("Thông báo sinh hoạt chi bộ"),
    "transfer": _("Giấy giới thiệu chuyển sinh hoạt đến tổ chức của bạn"),
    "request": _("Yêu cầu của đảng viên chờ duyệt"),
    "review": _("Hạn kiểm điểm, đánh giá, xếp loại"),
    "residence": _("Giới thiệu đảng viên về nơi cư trú"),
    "digest": _("Thư tóm tắt hằng ngày"),
}
OTHER = "other"
OTHER_LABEL = _("Thông báo khác")


def family(kind: str) -> str:
    """The preference key of a notification kind."""
    if kind in KINDS:
        return kind
    head = kind.split(".", 1)[0]
    return head if head in KINDS else OTHER


def choices() -> list[tuple[str, object]]:
    return [*KINDS.items(), (OTHER, OTHER_LABEL)]
