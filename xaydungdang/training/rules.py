"""The rules of training (rules.md §2.2, §2.11), each citing its source; numbers and dates are parameters."""

import datetime as dt

from django.utils.translation import gettext_lazy

from xaydungdang.core import parameters
from xaydungdang.core.dates import format_vn_date
from xaydungdang.core.validators import IN_FUTURE, is_in_future
from xaydungdang.members.choices import ACTIVE_STATUSES, MemberStatus, TheoryLevel
from xaydungdang.training.choices import Purpose

EQUIVALENT_UNTIL = parameters.define(
    "training.equivalent_certificate_until",
    "2021-07-09",
    legal_basis="KL 09-KL/TW 2021 (rules.md §2.11): giấy xác nhận tương đương cấp trước ngày 9/7/2021 được công "
    "nhận tương đương văn bằng lý luận chính trị",
    description="Giấy xác nhận tương đương cấp trước ngày này mới được tính trình độ lý luận chính trị (yyyy-mm-dd)",
)

# Statistics count the highest level; a bachelor's degree counts with the advanced level (rules.md §2.11).
THEORY_RANK = {
    TheoryLevel.NONE: 0,
    TheoryLevel.ELEMENTARY: 1,
    TheoryLevel.INTERMEDIATE: 2,
    TheoryLevel.ADVANCED: 3,
    TheoryLevel.BACHELOR: 3,
}

CLASS_DATES = gettext_lazy("Ngày bế giảng không được trước ngày khai giảng.")
FULL = gettext_lazy("Lớp đã đủ %(capacity)s học viên.")
NOT_IN_SUBTREE = gettext_lazy("%(name)s không sinh hoạt trong tổ chức đảng mở lớp (%(organization)s).")
AWARENESS_FOR_CANDIDATES = gettext_lazy("Lớp bồi dưỡng nhận thức về Đảng dành cho quần chúng ưu tú.")
NEW_MEMBER_FOR_PROBATIONARY = gettext_lazy(
    "%(name)s không phải đảng viên dự bị; chương trình dành cho đảng viên mới (trong thời gian dự bị)."
)
MEMBERS_ONLY = gettext_lazy("Lớp «%(kind)s» dành cho đảng viên.")
NOT_ACTIVE_MEMBER = gettext_lazy("%(name)s không còn là đảng viên (%(status)s).")
NOT_IN_PROGRESS = gettext_lazy("%(name)s không còn đang được xem xét kết nạp.")
SESSION_OUTSIDE = gettext_lazy("Ngày học phải trong thời gian của lớp (%(start)s – %(end)s).")
CERTIFICATE_BEFORE_END = gettext_lazy("Ngày cấp giấy chứng nhận không được trước ngày bế giảng (%(day)s).")
CERTIFICATE_NEEDS_PASS = gettext_lazy("Chỉ cấp giấy chứng nhận cho học viên hoàn thành khóa học.")
NUMBER_REQUIRED = gettext_lazy("Phải ghi số giấy chứng nhận.")


def equivalent_until(on: dt.date | None = None) -> dt.date:
    return dt.date.fromisoformat(str(parameters.value(EQUIVALENT_UNTIL.key, on=on)))


def certificate_counts(*, equivalent: bool, issued_on: dt.date, until: dt.date) -> bool:
    """A diploma always counts; a giấy xác nhận tương đương only when issued before 9/7/2021 (KL 09/2021)."""
    return not equivalent or issued_on < until


def highest_theory_level(levels: list[str]) -> str:
    """The highest of the levels (rules.md §2.11): an equal rank keeps the first given (the recorded one)."""
    best = TheoryLevel.NONE.value
    for level in levels:
        if level and THEORY_RANK.get(level, 0) > THEORY_RANK.get(best, 0):
            best = level
    return best


def class_dates_error(starts_on: dt.date, ends_on: dt.date) -> str | None:
    return CLASS_DATES if ends_on < starts_on else None


def enrol_errors(*, purpose: str, kind_name: str, name: str, member_status: str | None, candidate_status: str | None):
    """Who a course kind is for (rules.md §2.2): candidates take the awareness course; probationary members the
    new-member programme; members the others."""
    if purpose == Purpose.AWARENESS:
        if candidate_status is None:
            return [AWARENESS_FOR_CANDIDATES]
        return [NOT_IN_PROGRESS % {"name": name}] if candidate_status != "in_progress" else []
    if member_status is None:
        return [MEMBERS_ONLY % {"kind": kind_name}]
    if member_status not in ACTIVE_STATUSES:
        return [NOT_ACTIVE_MEMBER % {"name": name, "status": MemberStatus(member_status).label}]
    if purpose == Purpose.NEW_MEMBER and member_status != MemberStatus.PROBATIONARY:
        return [NEW_MEMBER_FOR_PROBATIONARY % {"name": name}]
    return []


def session_error(held_on: dt.date, starts_on: dt.date, ends_on: dt.date) -> str | None:
    if not starts_on <= held_on <= ends_on:
        return SESSION_OUTSIDE % {"start": format_vn_date(starts_on), "end": format_vn_date(ends_on)}
    return None


def certificate_date_errors(issued_on: dt.date, *, class_end: dt.date | None, today: dt.date) -> list[str]:
    errors = []
    if is_in_future(issued_on, on=today):
        errors.append(IN_FUTURE)
    if class_end and issued_on < class_end:
        errors.append(CERTIFICATE_BEFORE_END % {"day": format_vn_date(class_end)})
    return errors
