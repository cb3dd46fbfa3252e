"""The rules of committees and cadre work (rules.md §2.11), each citing its source; numbers are parameters.

QĐ 377-QĐ/TW (08/10/2025) on cadre planning and appointment; CT 45-CT/TW (14/4/2025) on the 2025–2030
congresses; the Labour Code 2019 Art. 169 and NĐ 135/2020 for the retirement age."""

import datetime as dt

from django.utils.translation import gettext_lazy

from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months, format_vn_date, months_between
from xaydungdang.members.lifecycle.choices import DisciplineForm
from xaydungdang.members.retirement import RETIREMENT_SCHEDULE, retirement_date  # noqa: F401 - the one rule

TERM_MONTHS = parameters.define(
    "committees.term_months",
    60,
    legal_basis="Điều lệ Đảng Điều 13: nhiệm kỳ đại hội 5 năm",
    description="Độ dài một nhiệm kỳ (tháng)",
)
FIRST_TIME_MIN_MONTHS = parameters.define(
    "committees.first_time_min_months",
    60,
    legal_basis="CT 45-CT/TW 14/4/2025: tham gia cấp ủy lần đầu phải đủ tuổi công tác ít nhất trọn một nhiệm kỳ",
    description="Thời gian công tác còn lại tối thiểu của người tham gia cấp ủy lần đầu (tháng)",
)
REELECTION_MIN_MONTHS = parameters.define(
    "committees.reelection_min_months",
    48,
    legal_basis="CT 45-CT/TW 14/4/2025: tái cử phải còn ít nhất 48 tháng công tác, tính tại tháng đại hội cấp đó",
    description="Thời gian công tác còn lại tối thiểu của người tái cử (tháng)",
)
STRUCTURE_TARGETS = parameters.define(
    "committees.structure_targets",
    {"women": 15, "young": 10, "minority": 0, "reelected": 60},
    legal_basis="CT 45-CT/TW 14/4/2025 [UNSURE: tỷ lệ cụ thể theo hướng dẫn của BTCTW]: nữ ≥ 15%, trẻ ≈ 10%, "
    "dân tộc thiểu số phù hợp, tái cử khoảng 60%",
    description="Chỉ tiêu cơ cấu cấp ủy (%): nữ, cán bộ trẻ, dân tộc thiểu số, tái cử",
)
YOUNG_MAX_AGE = parameters.define(
    "committees.young_max_age",
    42,
    legal_basis="CT 45-CT/TW 14/4/2025 [UNSURE: tuổi cán bộ trẻ khác nhau theo cấp]: cán bộ trẻ dưới 42 tuổi",
    description="Tuổi dưới đó là cán bộ trẻ (năm)",
)
MAX_PEOPLE_PER_POST = parameters.define(
    "committees.plan_max_people_per_post",
    3,
    legal_basis="QĐ 377-QĐ/TW 08/10/2025: mỗi chức danh quy hoạch không quá 3 người",
    description="Số người tối đa quy hoạch cho một chức danh",
)
MAX_POSTS_PER_PERSON = parameters.define(
    "committees.plan_max_posts_per_person",
    3,
    legal_basis="QĐ 377-QĐ/TW 08/10/2025: một người quy hoạch không quá 3 chức danh cùng cấp",
    description="Số chức danh tối đa một người được quy hoạch ở cùng cấp",
)
AGE_BANDS = parameters.define(
    "committees.plan_age_bands",
    [45, 50],
    legal_basis="QĐ 377-QĐ/TW 08/10/2025: cơ cấu quy hoạch ba độ tuổi [UNSURE: ranh giới các độ tuổi theo hướng dẫn]",
    description="Ranh giới ba độ tuổi quy hoạch (dưới a, từ a đến b, trên b)",
)
DISCIPLINE_WAIT_MONTHS = parameters.define(
    "committees.discipline_wait_months",
    {DisciplineForm.REPRIMAND.value: 24, DisciplineForm.WARNING.value: 36, DisciplineForm.REMOVAL_FROM_POST.value: 60},
    legal_basis="QĐ 377-QĐ/TW 08/10/2025: bị kỷ luật thì sau 24 tháng (khiển trách), 36 tháng (cảnh cáo), "
    "60 tháng (cách chức) mới được bổ nhiệm vào chức vụ cao hơn",
    description="Thời gian từ khi bị kỷ luật đến khi được bổ nhiệm chức vụ cao hơn (tháng), theo hình thức",
)
TENURE_MONTHS = parameters.define(
    "committees.appointment_tenure_months",
    60,
    legal_basis="QĐ 377-QĐ/TW 08/10/2025: thời hạn giữ chức vụ mỗi lần bổ nhiệm là 5 năm",
    description="Thời hạn giữ chức vụ mỗi lần bổ nhiệm (tháng)",
)
REAPPOINTMENT_NOTICE_DAYS = parameters.define(
    "committees.reappointment_notice_days",
    90,
    legal_basis="QĐ 377-QĐ/TW 08/10/2025 [UNSURE]: chậm nhất 90 ngày trước khi hết thời hạn phải xem xét bổ nhiệm lại",
    description="Số ngày trước khi hết thời hạn giữ chức vụ thì việc bổ nhiệm lại hiện trong việc cần làm",
)

NOT_ENOUGH_MONTHS = gettext_lazy(
    "%(name)s còn %(left)s tháng công tác tính đến tháng đại hội %(month)s (nghỉ hưu %(retire)s); %(kind)s cần "
    "ít nhất %(need)s tháng (%(basis)s)."
)
FIRST_TIME = gettext_lazy("tham gia cấp ủy lần đầu")
REELECTION = gettext_lazy("tái cử")
CT45 = "CT 45-CT/TW"
QD377 = "QĐ 377-QĐ/TW"
POST_FULL = gettext_lazy(
    "Chức danh «%(post)s» đã có %(count)s người trong quy hoạch; mỗi chức danh không quá %(max)s người (%(basis)s)."
)
PERSON_FULL = gettext_lazy(
    "%(name)s đã được quy hoạch %(count)s chức danh cùng cấp; một người không quá %(max)s chức danh (%(basis)s)."
)
OPEN_PROPOSAL = gettext_lazy(
    "%(name)s đang có đề xuất bổ nhiệm chưa quyết định; không quy hoạch đồng thời với đề nghị bổ nhiệm (%(basis)s)."
)
NOT_PLANNED = gettext_lazy(
    "%(name)s không có trong quy hoạch chức danh «%(post)s» hoặc chức danh tương đương; bổ nhiệm phải từ nguồn "
    "quy hoạch (%(basis)s, Điều 34)."
)
DISCIPLINE_WAIT = gettext_lazy(
    "%(name)s bị kỷ luật %(form)s ngày %(day)s; chỉ được bổ nhiệm chức vụ cao hơn từ ngày %(until)s (sau %(months)s "
    "tháng, %(basis)s)."
)


def months_left(birth_date: dt.date, gender: str, congress_date: dt.date) -> int:
    """Whole months of working age left, counted from the congress month (CT 45: "tính tại tháng đại hội")."""
    month_start = congress_date.replace(day=1)
    return max(months_between(month_start, retirement_date(birth_date, gender, on=congress_date)), 0)


def congress_age_error(*, name: str, birth_date, gender: str, congress_date: dt.date, reelected: bool):
    """CT 45-CT/TW: first time ≥ one full term of working age left, re-election ≥ 48 months."""
    need_key = REELECTION_MIN_MONTHS.key if reelected else FIRST_TIME_MIN_MONTHS.key
    need = parameters.value(need_key, on=congress_date)
    left = months_left(birth_date, gender, congress_date)
    if left >= need:
        return None
    return NOT_ENOUGH_MONTHS % {
        "name": name,
        "left": left,
        "month": congress_date.strftime("%m/%Y"),
        "retire": format_vn_date(retirement_date(birth_date, gender, on=congress_date)),
        "kind": REELECTION if reelected else FIRST_TIME,
        "need": need,
        "basis": CT45,
    }


def age_band(age: int, on: dt.date | None = None) -> int:
    """0, 1 or 2: the band of QĐ 377's three age bands the age falls in."""
    low, high = parameters.value(AGE_BANDS.key, on=on)
    if age < low:
        return 0
    return 1 if age <= high else 2


def age_band_labels(on: dt.date | None = None) -> list[str]:
    low, high = parameters.value(AGE_BANDS.key, on=on)
    return [f"< {low}", f"{low}–{high}", f"> {high}"]


def discipline_block(*, name: str, disciplines, on: dt.date):
    """The refusal for a higher post while a discipline's waiting time runs (24/36/60 months), or None.
    `disciplines` is (form, effective date) pairs."""
    waits = parameters.value(DISCIPLINE_WAIT_MONTHS.key, on=on)
    for form, day in sorted(disciplines, key=lambda pair: pair[1], reverse=True):
        months = waits.get(form)
        if months is None:
            continue
        until = add_months(day, months)
        if on < until:
            return DISCIPLINE_WAIT % {
                "name": name,
                "form": DisciplineForm(form).label.lower(),
                "day": format_vn_date(day),
                "until": format_vn_date(until),
                "months": months,
                "basis": QD377,
            }
    return None


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return months_between(birth_date, day) // 12
