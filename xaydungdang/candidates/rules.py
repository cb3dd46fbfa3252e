"""The Party's rules on admitting candidates (rules.md §2.2), each citing its source; numbers are parameters."""

import datetime as dt

from django.utils.translation import gettext_lazy

from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months, format_vn_date, months_between
from xaydungdang.members import rules as member_rules
from xaydungdang.members.choices import EducationLevel

COURSE_VALIDITY_YEARS = parameters.define(
    "admission.course_validity_years",
    5,
    legal_basis="Hướng dẫn địa phương: giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng có giá trị 5 năm [UNSURE]",
    description="Thời hạn giá trị của giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng (năm)",
)
SPONSOR_COUNT = parameters.define(
    "admission.sponsor_count",
    2,
    legal_basis="Điều lệ Đảng Điều 4; HD 12-HD/BTCTW 2022 (mẫu 3A-KNĐ: hai đảng viên giới thiệu)",
    description="Số đảng viên chính thức giới thiệu người vào Đảng",
)
SPONSOR_COUNT_WITH_UNION = parameters.define(
    "admission.sponsor_count_with_union",
    1,
    legal_basis="Điều lệ Đảng Điều 4 khoản 2: đoàn viên Đoàn TNCS Hồ Chí Minh (hoặc đoàn viên công đoàn) được "
    "nghị quyết của ban chấp hành đoàn cơ sở (công đoàn cơ sở) và một đảng viên chính thức giới thiệu",
    description="Số đảng viên chính thức giới thiệu khi có nghị quyết giới thiệu của Đoàn TNCS hoặc công đoàn",
)
SPONSOR_MIN_MONTHS = parameters.define(
    "admission.sponsor_min_months",
    12,
    legal_basis="Điều lệ Đảng Điều 4: đảng viên giới thiệu phải cùng công tác với người vào Đảng ít nhất 1 năm",
    description="Thời gian tối thiểu đảng viên giới thiệu cùng công tác với người vào Đảng (tháng)",
)
VOTE_SHARE = parameters.define(
    "admission.vote_share",
    [2, 3],
    legal_basis="QĐ 294-QĐ/TW (giữ QĐ 232): kết nạp cần ít nhất 2/3 đảng viên chính thức tán thành",
    description="Tỷ lệ đảng viên chính thức tán thành tối thiểu (tử số, mẫu số)",
)
FILE_MAX_MONTHS = parameters.define(
    "admission.file_max_months",
    12,
    legal_basis="HD 12-HD/BTCTW 2022: quá 12 tháng từ khi lập hồ sơ đến khi chi bộ xét thì phải làm lại một số thủ tục",
    description="Thời gian tối đa từ đơn xin vào Đảng đến nghị quyết chi bộ (tháng)",
)
DECISION_DAYS = parameters.define(
    "admission.decision_working_days",
    60,
    legal_basis="QĐ 232-QĐ/TW §4 (giữ trong QĐ 294) [UNSURE]: cấp ủy quyết định kết nạp trong 60 ngày làm việc kể từ nghị quyết chi bộ",
    description="Thời hạn ra quyết định kết nạp (ngày làm việc)",
)
CEREMONY_DAYS = parameters.define(
    "admission.ceremony_working_days",
    30,
    legal_basis="QĐ 232-QĐ/TW §4 (giữ trong QĐ 294) [UNSURE]: tổ chức lễ kết nạp trong 30 ngày làm việc kể từ khi nhận quyết định",
    description="Thời hạn tổ chức lễ kết nạp (ngày làm việc)",
)
MIN_EDUCATION = parameters.define(
    "admission.min_education",
    [EducationLevel.LOWER_SECONDARY.value, EducationLevel.UPPER_SECONDARY.value],
    legal_basis="QĐ 294-QĐ/TW (giữ QĐ 232 Điều 1): tốt nghiệp trung học cơ sở trở lên; miền núi, hải đảo theo hướng dẫn của Ban Bí thư",
    description="Trình độ giáo dục phổ thông được xem xét kết nạp",
)
MIN_EDUCATION_EXCEPTION = parameters.define(
    "admission.min_education_exception_areas",
    [EducationLevel.PRIMARY.value, EducationLevel.LOWER_SECONDARY.value, EducationLevel.UPPER_SECONDARY.value],
    legal_basis="QĐ 294-QĐ/TW (giữ QĐ 232 Điều 1): miền núi, hải đảo, vùng đồng bào dân tộc thiểu số theo hướng "
    "dẫn của Ban Bí thư [INFERRED: mức tối thiểu tiểu học — chưa tìm thấy văn bản hướng dẫn]",
    description="Trình độ giáo dục phổ thông được xem xét kết nạp ở miền núi, hải đảo, vùng đồng bào dân tộc thiểu số",
)

EDUCATION = gettext_lazy("Người vào Đảng phải tốt nghiệp trung học cơ sở trở lên (QĐ 294-QĐ/TW).")
COURSE_EXPIRED = gettext_lazy(
    "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng (%(day)s) đã hết giá trị %(years)s năm vào ngày chi bộ xét."
)
SPONSOR_COUNT_MSG = gettext_lazy("Phải có đúng %(count)s đảng viên chính thức giới thiệu.")
SPONSOR_COUNT_UNION_MSG = gettext_lazy(
    "Khi có nghị quyết giới thiệu của Đoàn TNCS Hồ Chí Minh (hoặc công đoàn), phải có đúng %(count)s đảng viên "
    "chính thức giới thiệu (Điều lệ Đảng Điều 4)."
)
SPONSOR_NOT_OFFICIAL_ON = gettext_lazy(
    "Ngày giới thiệu %(day)s, %(name)s chưa là đảng viên chính thức (Điều lệ Đảng Điều 4)."
)
SPONSOR_OTHER_ORG = gettext_lazy("%(name)s không sinh hoạt ở chi bộ của người vào Đảng.")
SPONSOR_TOO_SHORT = gettext_lazy(
    "%(name)s mới cùng công tác với người vào Đảng từ %(since)s, chưa đủ %(months)s tháng."
)
VOTES_TOO_FEW = gettext_lazy(
    "Nghị quyết chi bộ cần ít nhất %(num)s/%(den)s đảng viên chính thức tán thành (%(needed)s/%(eligible)s); "
    "mới có %(votes)s (QĐ 294-QĐ/TW)."
)
VOTES_TOO_MANY = gettext_lazy(
    "Số phiếu tán thành (%(votes)s) vượt quá số đảng viên chính thức của chi bộ (%(eligible)s)."
)
FILE_TOO_OLD = gettext_lazy(
    "Đơn xin vào Đảng (%(day)s) đã quá %(months)s tháng đến ngày chi bộ xét; phải làm lại thủ tục (HD 12-HD/BTCTW)."
)


EDUCATION_EXCEPTION = gettext_lazy(
    "Người vào Đảng ở miền núi, hải đảo, vùng đồng bào dân tộc thiểu số phải có trình độ giáo dục phổ thông "
    "theo hướng dẫn của Ban Bí thư (tối thiểu: %(levels)s)."
)


def education_error(education_level: str, on: dt.date, *, exception_area: str = "") -> str | None:
    """Lower-secondary or higher; in mountain, island and ethnic-minority areas the guidance's levels."""
    if exception_area:
        levels = parameters.value(MIN_EDUCATION_EXCEPTION.key, on=on)
        if education_level in levels:
            return None
        names = ", ".join(str(EducationLevel(level).label).lower() for level in levels)
        return EDUCATION_EXCEPTION % {"levels": names}
    return None if education_level in parameters.value(MIN_EDUCATION.key, on=on) else EDUCATION


def age_error(birth_date: dt.date, on: dt.date, *, over_age_decision: str = "") -> str | None:
    """Age from 18 to 60, counted in months, on the day the cell considers the case (QĐ 294-QĐ/TW); over 60
    with the decision of the standing committee of the committee directly under the centre."""
    return member_rules.admission_age_error(birth_date=birth_date, admitted_on=on, over_age_decision=over_age_decision)


def too_old_to_follow(birth_date: dt.date, on: dt.date, *, over_age_decision: str = "") -> bool:
    if over_age_decision.strip():
        return False
    return months_between(birth_date, on) > parameters.value(member_rules.ADMISSION_MAX_AGE_MONTHS.key, on=on)


def course_error(course_on: dt.date, considered_on: dt.date) -> str | None:
    years = parameters.value(COURSE_VALIDITY_YEARS.key, on=considered_on)
    if add_months(course_on, 12 * years) < considered_on:
        return COURSE_EXPIRED % {"day": format_vn_date(course_on), "years": years}
    return None


def file_age_error(applied_on: dt.date, considered_on: dt.date) -> str | None:
    months = parameters.value(FILE_MAX_MONTHS.key, on=considered_on)
    if add_months(applied_on, months) < considered_on:
        return FILE_TOO_OLD % {"day": format_vn_date(applied_on), "months": months}
    return None


def sponsor_errors(sponsors, *, organization_id: int, on: dt.date, union_resolution: str = "") -> list[str]:
    """`sponsors` is a list of (member, known_since, (status, organization id) on the introduction date `on`,
    or None when the member had no official attachment that day). Two official members, or one with the
    resolution of the Youth Union (or trade union) introducing the candidate (Điều lệ Đảng Điều 4)."""
    with_union = bool(union_resolution.strip())
    count = parameters.value((SPONSOR_COUNT_WITH_UNION if with_union else SPONSOR_COUNT).key, on=on)
    months = parameters.value(SPONSOR_MIN_MONTHS.key, on=on)
    errors = []
    if len({m.pk for m, _since, _state in sponsors}) != count:
        errors.append((SPONSOR_COUNT_UNION_MSG if with_union else SPONSOR_COUNT_MSG) % {"count": count})
    for member, since, state in sponsors:
        status, organization_on = state or (None, None)
        if status != "official":
            errors.append(SPONSOR_NOT_OFFICIAL_ON % {"name": member, "day": format_vn_date(on)})
        elif organization_on != organization_id:
            errors.append(SPONSOR_OTHER_ORG % {"name": member})
        if since is None or add_months(since, months) > on:
            errors.append(SPONSOR_TOO_SHORT % {"name": member, "since": format_vn_date(since), "months": months})
    return errors


def vote_error(votes_for: int | None, eligible: int, on: dt.date) -> str | None:
    num, den = parameters.value(VOTE_SHARE.key, on=on)
    votes = votes_for or 0
    if votes > eligible:
        return VOTES_TOO_MANY % {"votes": votes, "eligible": eligible}
    if votes * den < num * eligible or eligible == 0:
        needed = -(-num * eligible // den)
        return VOTES_TOO_FEW % {"num": num, "den": den, "needed": needed, "eligible": eligible, "votes": votes}
    return None
