"""What training makes due (Việc cần làm): candidates without the awareness certificate, probationary members
without the new-member course. A duework provider, registered in TrainingConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from xaydungdang.duework.registry import DueItem, DueItems, DueQuery, DueSection, register
from xaydungdang.training import selectors


def _items(rows, query: DueQuery, task, start) -> DueItems:
    total = rows.count()
    items = [
        DueItem(row, str(row), None, start=start(row), organization=row.organization, extra={"task": task})
        for row in rows[: query.limit]
    ]
    return DueItems(items, total=total)


def awareness_missing(query: DueQuery) -> DueItems:
    rows = selectors.candidates_without_awareness(query.organization, query.user)
    return _items(rows, query, _("Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng"), lambda c: None)


def new_member_course_missing(query: DueQuery) -> DueItems:
    rows = selectors.probationary_without_new_member_course(query.organization, query.user)
    return _items(rows, query, _("Chưa học chương trình dành cho đảng viên mới"), lambda m: m.admission_date)


SECTIONS = (
    DueSection(
        "training_awareness",
        _("Quần chúng ưu tú chưa có giấy chứng nhận lớp nhận thức về Đảng"),
        "training/due/_awareness.html",
        awareness_missing,
        order=25,
    ),
    DueSection(
        "training_new_member",
        _("Đảng viên dự bị chưa học chương trình dành cho đảng viên mới"),
        "training/due/_new_member.html",
        new_member_course_missing,
        order=26,
    ),
)


def register_sections() -> None:
    for section in SECTIONS:
        register(section)
