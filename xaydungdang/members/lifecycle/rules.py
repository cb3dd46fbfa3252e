"""The Party's rules on a member's lifecycle, each citing its source (shared/domain/rules.md §2.2–2.8).

Every number is a parameter (core.parameters) with a default and a legal basis; [UNSURE] marks a default the
research could not confirm in the current text.
"""

import datetime as dt
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months, anniversary, completed_years, format_vn_date, months_between
from xaydungdang.members.choices import ACTIVE_STATUSES, EventKind, MemberStatus
from xaydungdang.members.rules import PROBATION_MONTHS

RECOGNITION_REVIEW_DAYS = parameters.define(
    "recognition.review_working_days",
    30,
    legal_basis="QĐ 232-QĐ/TW §4 (giữ trong QĐ 294-QĐ/TW) [UNSURE]: chi bộ xét công nhận chính thức trong 30 ngày làm việc kể từ khi hết 12 tháng dự bị",
    description="Thời hạn chi bộ xét công nhận đảng viên chính thức (ngày làm việc)",
)
RECOGNITION_DECISION_DAYS = parameters.define(
    "recognition.decision_working_days",
    30,
    legal_basis="QĐ 232-QĐ/TW §4 (giữ trong QĐ 294-QĐ/TW) [UNSURE]: cấp ủy có thẩm quyền quyết định trong 30 ngày làm việc",
    description="Thời hạn cấp ủy quyết định công nhận đảng viên chính thức (ngày làm việc)",
)
TRANSFER_DAYS = parameters.define(
    "transfer.official_working_days",
    60,
    legal_basis="QĐ 294-QĐ/TW §6.3.1: chuyển sinh hoạt chính thức trong 60 ngày làm việc kể từ ngày quyết định có hiệu lực hoặc thay đổi nơi cư trú",
    description="Thời hạn chuyển sinh hoạt đảng chính thức (ngày làm việc)",
)
TRANSFER_PRESENT_DAYS = parameters.define(
    "transfer.present_working_days",
    30,
    legal_basis="QĐ 294-QĐ/TW §6.3.1: đảng viên xuất trình giấy giới thiệu trong 30 ngày làm việc",
    description="Thời hạn xuất trình giấy giới thiệu sinh hoạt đảng (ngày làm việc)",
)
BADGE_MILESTONES = parameters.define(
    "badge.milestones",
    [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90],
    legal_basis="HD 01-HD/TW 2021 §18 (giữ trong HD 06-HD/TW 2025) [UNSURE]",
    description="Các mốc tuổi Đảng được xét tặng Huy hiệu Đảng (năm)",
)
BADGE_AWARD_DAYS = parameters.define(
    "badge.award_days",
    ["02-03", "05-19", "09-02", "11-07"],
    legal_basis="HD 01-HD/TW 2021 §18: trao Huy hiệu vào các ngày 3/2, 19/5, 2/9, 7/11",
    description="Ngày trao tặng Huy hiệu Đảng trong năm (tháng-ngày)",
)
BADGE_EARLY_MONTHS = parameters.define(
    "badge.early_months_serious_illness",
    {"30": 12, "70": 24},
    legal_basis="HD 01-HD/TW 2021 §18: ốm nặng được xét tặng sớm tối đa 12 tháng (mốc 30–65), 24 tháng (mốc 70–90)",
    description="Số tháng được xét tặng sớm khi ốm nặng, theo mốc thấp nhất áp dụng",
)
BADGE_POSTHUMOUS_EARLY_MONTHS = parameters.define(
    "badge.early_months_posthumous",
    12,
    legal_basis="HD 01-HD/TW 2021 §18: truy tặng sớm tối đa 12 tháng",
    description="Số tháng được truy tặng Huy hiệu sớm",
)
READMISSION_MIN_MONTHS = parameters.define(
    "readmission.min_months_after_leaving",
    36,
    legal_basis="QĐ 24-QĐ/TW 2021 §3.5 (kết nạp lại sau ít nhất 36 tháng kể từ khi ra khỏi Đảng) [UNSURE: not in rules.md]",
    description="Thời gian tối thiểu từ khi ra khỏi Đảng đến khi kết nạp lại (tháng)",
)
PROBATIONARY_DISCIPLINE_FORMS = parameters.define(
    "discipline.probationary_forms",
    ["reprimand", "warning"],
    legal_basis="QĐ 69-QĐ/TW 2022 (sửa đổi QĐ 264-QĐ/TW 2025): đảng viên dự bị chỉ bị khiển trách, cảnh cáo",
    description="Hình thức kỷ luật áp dụng với đảng viên dự bị",
)
CARD_NUMBER_DIGITS = parameters.define(
    "card.number_digits",
    8,
    legal_basis="CT 29-CT/TW 2003: số thẻ đảng viên 8 chữ số [UNSURE: định dạng thẻ gắn chip 2025 chưa rõ]",
    description="Số chữ số của số thẻ đảng viên",
)
TEMPORARY_MIN_MONTHS = parameters.define(
    "temporary.min_months",
    3,
    legal_basis="QĐ 29/24-QĐ/TW (hướng dẫn chuyển sinh hoạt đảng tạm thời): thay đổi nơi cư trú, làm việc, học tập "
    "từ 3 tháng trở lên [UNSURE: chưa đối chiếu QĐ 294-QĐ/TW]",
    description="Thời gian tối thiểu sinh hoạt đảng tạm thời (tháng)",
)
TEMPORARY_MAX_MONTHS_WORK = parameters.define(
    "temporary.max_months_work_residence",
    12,
    legal_basis="QĐ 29/24-QĐ/TW: thay đổi nơi cư trú hoặc nơi làm việc từ 3 tháng đến dưới 1 năm [UNSURE: chưa đối "
    "chiếu QĐ 294-QĐ/TW]",
    description="Sinh hoạt tạm thời vì công tác, cư trú: phải ngắn hơn số tháng này",
)
TEMPORARY_MAX_MONTHS_STUDY = parameters.define(
    "temporary.max_months_study",
    24,
    legal_basis="QĐ 29/24-QĐ/TW: đi học tập trung trong nước từ 3 tháng đến 2 năm [UNSURE: chưa đối chiếu QĐ 294-QĐ/TW]",
    description="Sinh hoạt tạm thời vì học tập trung: tối đa số tháng này",
)

# Messages, as constants so tests can assert them.
NOT_ACTIVE = gettext_lazy("Đảng viên không còn sinh hoạt đảng (tình trạng: %(status)s); không thể ghi sự kiện này.")
NOT_PROBATIONARY = gettext_lazy(
    "Chỉ đảng viên dự bị mới được xét công nhận chính thức (tình trạng hiện tại: %(status)s)."
)
RECOGNITION_DATE = gettext_lazy(
    "Ngày chính thức phải là ngày đủ %(months)s tháng dự bị tính từ ngày lễ kết nạp %(admitted)s, tức %(official)s "
    "(Điều lệ Đảng Điều 5)."
)
RECOGNITION_TOO_EARLY = gettext_lazy(
    "Chưa hết %(months)s tháng dự bị (đến %(official)s); chưa thể quyết định công nhận chính thức (Điều lệ Đảng Điều 5)."
)
ANNUL_ONLY_PROBATIONARY = gettext_lazy(
    "Chỉ xóa tên, hủy kết nạp đối với đảng viên dự bị (tình trạng hiện tại: %(status)s)."
)
DISCIPLINE_PROBATIONARY = gettext_lazy(
    "Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo (QĐ 69-QĐ/TW); không áp dụng hình thức %(form)s."
)
EXPEL_PROBATIONARY = gettext_lazy(
    "Không khai trừ đảng viên dự bị; đảng viên dự bị chỉ bị khiển trách hoặc cảnh cáo (QĐ 69-QĐ/TW)."
)
READMIT_ONLY_LEFT = gettext_lazy("Chỉ kết nạp lại người đã ra khỏi Đảng (tình trạng hiện tại: %(status)s).")
READMIT_TOO_EARLY = gettext_lazy(
    "Chưa đủ %(months)s tháng kể từ khi ra khỏi Đảng (%(left)s); chưa thể kết nạp lại (QĐ 24-QĐ/TW §3.5)."
)
READMIT_ONCE = gettext_lazy("Người này đã được kết nạp lại một lần; chỉ xem xét kết nạp lại một lần.")
BEFORE_LAST_EVENT = gettext_lazy("Ngày hiệu lực không được trước sự kiện gần nhất (%(kind)s ngày %(day)s).")
BEFORE_ADMISSION = gettext_lazy("Ngày hiệu lực không được trước ngày vào Đảng (%(day)s).")
DECISION_AFTER_EFFECT = gettext_lazy("Ngày quyết định không được sau ngày hiệu lực của sự kiện này.")
CARD_ONLY_OFFICIAL = gettext_lazy("Chỉ đảng viên chính thức mới được phát thẻ đảng viên (CT 29-CT/TW).")
CARD_NUMBER = gettext_lazy("Số thẻ đảng viên phải gồm đúng %(digits)s chữ số.")
BADGE_NOT_MILESTONE = gettext_lazy(
    "%(years)s năm không phải mốc tuổi Đảng được xét tặng Huy hiệu (các mốc: %(milestones)s)."
)
BADGE_NOT_REACHED = gettext_lazy(
    "Ngày %(day)s đảng viên chưa đủ %(years)s năm tuổi Đảng (đủ vào %(reached)s); chỉ được xét sớm khi ốm nặng "
    "hoặc truy tặng (HD 01-HD/TW §18)."
)
TEMPORARY_UNTIL_REQUIRED = gettext_lazy(
    "Phải ghi ngày dự kiến kết thúc sinh hoạt tạm thời để kiểm tra thời hạn theo quy định."
)
TEMPORARY_TOO_SHORT = gettext_lazy(
    "Sinh hoạt tạm thời phải từ %(min)s tháng trở lên (đến %(until)s mới %(months)s tháng); dưới %(min)s tháng "
    "đảng viên vẫn sinh hoạt ở chi bộ chính thức, trừ khi có văn bản cho phép của cấp ủy có thẩm quyền."
)
TEMPORARY_TOO_LONG_WORK = gettext_lazy(
    "Sinh hoạt tạm thời vì công tác, cư trú phải dưới %(max)s tháng (đến %(until)s là %(months)s tháng); từ %(max)s "
    "tháng trở lên phải chuyển sinh hoạt chính thức, trừ khi có văn bản cho phép của cấp ủy có thẩm quyền."
)
TEMPORARY_TOO_LONG_STUDY = gettext_lazy(
    "Sinh hoạt tạm thời vì học tập trung tối đa %(max)s tháng (đến %(until)s là %(months)s tháng), trừ khi có văn bản "
    "cho phép của cấp ủy có thẩm quyền."
)
BADGE_POSTHUMOUS_TOO_EARLY = gettext_lazy(
    "Đảng viên từ trần ngày %(died)s; nếu còn sinh hoạt thì đến %(reached)s mới đủ %(years)s năm tuổi Đảng. Chỉ "
    "truy tặng khi còn thiếu không quá %(months)s tháng (HD 01-HD/TW §18)."
)
CLEAR_ONLY_EXPELLED = gettext_lazy(
    "Chỉ hủy quyết định khai trừ đối với người đang bị khai trừ (tình trạng: %(status)s)."
)
BADGE_RETURN_NOT_LEFT = gettext_lazy(
    "Chỉ thu hồi Huy hiệu Đảng của người đã ra khỏi Đảng (tình trạng hiện tại: %(status)s)."
)
BADGE_RETURN_NONE = gettext_lazy("Người này không giữ Huy hiệu Đảng nào chưa nộp lại.")
BADGE_ALREADY = gettext_lazy("Đảng viên đã được tặng Huy hiệu %(years)s năm tuổi Đảng.")


def error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def status_label(status: str | None) -> str:
    return str(MemberStatus(status).label) if status else _("chưa có")


def require_active(status: str | None, field: str = "member") -> None:
    if status not in ACTIVE_STATUSES:
        raise error(field, NOT_ACTIVE % {"status": status_label(status)})


# --- probation and recognition (Điều lệ Điều 5; QĐ 294 §4) ---------------------------------------------
def probation_end(admission_date: dt.date) -> dt.date:
    """Official date = ceremony date + 12 months, even when the cell meets or the committee decides late."""
    return add_months(admission_date, parameters.value(PROBATION_MONTHS.key, on=admission_date))


def check_recognition(*, status: str, admission_date: dt.date, effective_date: dt.date, decision_date) -> None:
    if status != MemberStatus.PROBATIONARY:
        raise error("member", NOT_PROBATIONARY % {"status": status_label(status)})
    official = probation_end(admission_date)
    months = parameters.value(PROBATION_MONTHS.key, on=admission_date)
    if effective_date != official:
        raise error(
            "effective_date",
            RECOGNITION_DATE
            % {"months": months, "admitted": format_vn_date(admission_date), "official": format_vn_date(official)},
        )
    if decision_date and decision_date < official:
        raise error("decision_date", RECOGNITION_TOO_EARLY % {"months": months, "official": format_vn_date(official)})


# --- discipline (QĐ 69-QĐ/TW, QĐ 264-QĐ/TW) ----------------------------------------------------------
def check_discipline(*, status: str, form: str, on: dt.date) -> None:
    from xaydungdang.members.lifecycle.choices import DisciplineForm

    require_active(status)
    allowed = parameters.value(PROBATIONARY_DISCIPLINE_FORMS.key, on=on)
    if status == MemberStatus.PROBATIONARY and form not in allowed:
        raise error("form", DISCIPLINE_PROBATIONARY % {"form": DisciplineForm(form).label.lower()})


# --- readmission --------------------------------------------------------------------------------------
LEFT_STATUSES = frozenset(
    {MemberStatus.STRUCK_OFF, MemberStatus.DISMISSED, MemberStatus.RESIGNED, MemberStatus.EXPELLED}
)


def check_readmission(*, status: str, left_on: dt.date | None, readmitted_before: bool, on: dt.date) -> None:
    if status not in LEFT_STATUSES:
        raise error("member", READMIT_ONLY_LEFT % {"status": status_label(status)})
    if readmitted_before:
        raise error("member", READMIT_ONCE)
    months = parameters.value(READMISSION_MIN_MONTHS.key, on=on)
    if left_on and months_between(left_on, on) < months:
        raise error("decision_date", READMIT_TOO_EARLY % {"months": months, "left": format_vn_date(left_on)})


# --- temporary activity (rules.md §2.4) -----------------------------------------------------------------
def check_temporary_duration(*, purpose: str, start: dt.date, until: dt.date | None, exception: str = "") -> None:
    """3 months to under 1 year for work or residence, 3 months to 2 years for full-time study; outside the
    limits only with the competent committee's written permission (`exception`)."""
    from xaydungdang.members.lifecycle.choices import TemporaryPurpose

    if until is None:
        raise error("until", TEMPORARY_UNTIL_REQUIRED)
    if exception.strip():
        return
    minimum = parameters.value(TEMPORARY_MIN_MONTHS.key, on=start)
    months = months_between(start, until)
    values = {"until": format_vn_date(until), "months": months, "min": minimum}
    if add_months(start, minimum) > until:
        raise error("until", TEMPORARY_TOO_SHORT % values)
    if purpose == TemporaryPurpose.STUDY:
        maximum = parameters.value(TEMPORARY_MAX_MONTHS_STUDY.key, on=start)
        if until > add_months(start, maximum):
            raise error("until", TEMPORARY_TOO_LONG_STUDY % {**values, "max": maximum})
    else:
        maximum = parameters.value(TEMPORARY_MAX_MONTHS_WORK.key, on=start)
        if until >= add_months(start, maximum):
            raise error("until", TEMPORARY_TOO_LONG_WORK % {**values, "max": maximum})


# --- party card --------------------------------------------------------------------------------------
def check_card(*, status: str, card_number: str, on: dt.date) -> None:
    if status != MemberStatus.OFFICIAL:
        raise error("member", CARD_ONLY_OFFICIAL)
    digits = parameters.value(CARD_NUMBER_DIGITS.key, on=on)
    if len(card_number) != digits or not card_number.isdigit():
        raise error("card_number", CARD_NUMBER % {"digits": digits})


# --- party age (tuổi đảng) ----------------------------------------------------------------------------
LEAVING_KINDS = frozenset(
    {
        EventKind.ADMISSION_ANNULLED,
        EventKind.STRUCK_OFF,
        EventKind.EXPELLED,
        EventKind.DISMISSED,
        EventKind.RESIGNED,
        EventKind.DECEASED,
    }
)


@dataclass(frozen=True)
class PartyAge:
    years: int
    months: int
    start: dt.date | None  # first admission decision date

    def __str__(self) -> str:
        return _("%(years)s năm %(months)s tháng") % {"years": self.years, "months": self.months}


@dataclass(frozen=True)
class PartyInterval:
    """A period inside the Party: from an admission (or readmission) decision to the day the member left
    (open when still inside). `base` is the day party age counts from during it: the first admission
    decision plus the days spent outside the Party before it, so party age on D is the time from `base`."""

    begin: dt.date
    end: dt.date | None
    base: dt.date


def party_intervals(events) -> list[PartyInterval]:
    """Periods inside the Party: from the admission decision (of the first admission, then of each
    readmission) to the day the member left. Tuổi đảng counts these and skips the gaps (rules.md §2.6).

    This is the one party-age rule: the member page, badges and due work read it from the events, the
    statistics from each period's cached `party_age_start` (members.state.replay stores this `base`)."""
    intervals: list[PartyInterval] = []
    for event in events:
        if event.kind in (EventKind.ADMITTED, EventKind.READMITTED):
            if intervals and intervals[-1].end is None:
                continue  # already inside (e.g. an admission recorded from another organization)
            begin = event.decision_date or event.effective_date
            if not intervals:
                intervals.append(PartyInterval(begin, None, begin))
            else:
                last = intervals[-1]
                intervals.append(PartyInterval(begin, None, last.base + (begin - last.end)))
        elif event.kind in LEAVING_KINDS and intervals and intervals[-1].end is None:
            intervals[-1] = replace(intervals[-1], end=event.effective_date)
        elif event.kind == EventKind.EXPULSION_CLEARED and intervals and intervals[-1].end is not None:
            # Wrongly expelled and later cleared: counted continuously, as if never outside (rules.md §2.6).
            intervals[-1] = replace(intervals[-1], end=None)
    return intervals


def interval_on(intervals: list[PartyInterval], on: dt.date) -> PartyInterval | None:
    """The interval that holds `on` (or the last one before it; None before the first admission)."""
    found = None
    for interval in intervals:
        if interval.begin <= on:
            found = interval
    return found


def party_years(base: dt.date, on: dt.date) -> int:
    """Completed years of party age on `on` inside an interval counted from `base` (the statistics' bands
    and the badge milestones both read this; a year is reached on `core.dates.anniversary`)."""
    return completed_years(base, on)


def party_age(events, on: dt.date) -> PartyAge:
    """Years and months inside the Party on `on`: from the interval's base (the first admission decision
    plus the gaps before it) to `on`, or to the day the member left when they are outside."""
    intervals = party_intervals(events)
    interval = interval_on(intervals, on)
    if interval is None:
        return PartyAge(0, 0, None)
    until = min(interval.end or on, on)
    months = max(0, months_between(interval.base, until))
    return PartyAge(months // 12, months % 12, intervals[0].begin)


def milestone_date(events, years: int, *, continued: bool = False) -> dt.date | None:
    """The day the member completes `years` of party age, or None if they left before. With `continued`,
    the last interval is counted as if membership continued (a posthumous award, HD 01-HD/TW §18)."""
    intervals = party_intervals(events)
    for index, interval in enumerate(intervals):
        reached = anniversary(interval.base, years)
        open_end = interval.end is None or (continued and index == len(intervals) - 1)
        if open_end or reached <= interval.end:
            return reached
    return None


def next_award_date(on: dt.date) -> dt.date:
    """The first badge award day (3/2, 19/5, 2/9, 7/11) on or after `on`."""
    days = parameters.value(BADGE_AWARD_DAYS.key, on=on)
    candidates = []
    for year in (on.year, on.year + 1):
        for month_day in days:
            month, day = (int(part) for part in month_day.split("-"))
            candidates.append(dt.date(year, month, day))
    return min(day for day in candidates if day >= on)


def previous_award_date(award_day: dt.date) -> dt.date:
    """The award day before `award_day` (the round before)."""
    days = parameters.value(BADGE_AWARD_DAYS.key, on=award_day)
    candidates = []
    for year in (award_day.year - 1, award_day.year):
        for month_day in days:
            month, day = (int(part) for part in month_day.split("-"))
            candidates.append(dt.date(year, month, day))
    return max(day for day in candidates if day < award_day)


def early_months(years: int, *, serious_illness: bool, posthumous: bool, on: dt.date) -> int:
    if posthumous:
        return parameters.value(BADGE_POSTHUMOUS_EARLY_MONTHS.key, on=on)
    if not serious_illness:
        return 0
    table = parameters.value(BADGE_EARLY_MONTHS.key, on=on)
    eligible = [int(low) for low in table if years >= int(low)]
    return table[str(max(eligible))] if eligible else 0


def check_badge(
    *, events, years: int, awarded_on: dt.date, already: set[int], serious_illness: bool, posthumous: bool
) -> None:
    milestones = parameters.value(BADGE_MILESTONES.key, on=awarded_on)
    if years not in milestones:
        raise error(
            "years", BADGE_NOT_MILESTONE % {"years": years, "milestones": ", ".join(str(m) for m in milestones)}
        )
    if years in already:
        raise error("years", BADGE_ALREADY % {"years": years})
    allowance = early_months(years, serious_illness=serious_illness, posthumous=posthumous, on=awarded_on)
    if posthumous:  # the milestone as if membership continued, at most `allowance` months after the death
        reached = milestone_date(events, years, continued=True)
        intervals = party_intervals(events)
        died = intervals[-1].end if intervals else None
        if reached is None or died is None or add_months(died, allowance) < reached:
            raise error(
                "years",
                BADGE_POSTHUMOUS_TOO_EARLY
                % {
                    "died": format_vn_date(died),
                    "years": years,
                    "reached": format_vn_date(reached) or "—",
                    "months": allowance,
                },
            )
        return
    reached = milestone_date(events, years)
    if reached is None or add_months(awarded_on, allowance) < reached:
        raise error(
            "awarded_on",
            BADGE_NOT_REACHED
            % {"day": format_vn_date(awarded_on), "years": years, "reached": format_vn_date(reached) or "—"},
        )


def due_milestone(
    events, *, award_day: dt.date, already: set[int], milestones: list[int] | None = None
) -> tuple[int, dt.date] | None:
    """The highest milestone reached by `award_day` that was not awarded yet, with the day it was reached."""
    best = None
    for years in milestones or parameters.value(BADGE_MILESTONES.key, on=award_day):
        reached = milestone_date(events, years)
        if reached and reached <= award_day:
            best = (years, reached)
    if best and best[0] not in already:
        return best
    return None
