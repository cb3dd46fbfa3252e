"""The Party's rules on member data, each citing its source (shared/domain/rules.md).

Every number is a parameter (core.parameters) with a default and a legal basis.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.core import parameters
from xaydungdang.core.dates import months_between
from xaydungdang.core.validators import future_errors

ADMISSION_MIN_AGE_MONTHS = parameters.define(
    "admission.min_age_months",
    216,
    legal_basis="Điều lệ Đảng Điều 1; QĐ 294-QĐ/TW (giữ QĐ 232 Điều 1): đủ 18 tuổi, tính theo tháng",
    description="Tuổi tối thiểu khi kết nạp, tính bằng tháng",
)
ADMISSION_MAX_AGE_MONTHS = parameters.define(
    "admission.max_age_months",
    720,
    legal_basis="QĐ 294-QĐ/TW (giữ QĐ 232 Điều 1): đến đủ 60 tuổi, tính theo tháng",
    description="Tuổi tối đa khi kết nạp (trên 60 tuổi phải do cấp ủy trực thuộc Trung ương xem xét)",
)
PROBATION_MONTHS = parameters.define(
    "probation.months",
    12,
    legal_basis="Điều lệ Đảng Điều 5: thời kỳ dự bị 12 tháng, tính từ ngày kết nạp",
    description="Thời gian dự bị (tháng)",
)

# CCCD (Thông tư 59/2021/TT-BCA, carried over from TT 07/2016): digits 1-3 the province of birth
# registration (the 63 pre-2025 province codes), digit 4 gender and century, digits 5-6 the birth year.
CCCD_PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 "
    "038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 "
    "080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)
CCCD_CENTURY_START = {0: 1900, 1: 2000, 2: 2100, 3: 2200, 4: 2300}


def cccd_errors(national_id: str, *, gender: str | None, birth_date: dt.date | None) -> list[str]:
    """Messages for each part of a CCCD number that is malformed or disagrees with the member's data."""
    if len(national_id) != 12 or not national_id.isdigit():
        return [_("Số CCCD phải gồm đúng 12 chữ số.")]
    errors = []
    if national_id[:3] not in CCCD_PROVINCE_CODES:
        errors.append(
            _("Số CCCD: ba chữ số đầu (%(code)s) không phải mã tỉnh, thành phố nơi đăng ký khai sinh.")
            % {"code": national_id[:3]}
        )
    gender_century = int(national_id[3])
    coded_female = gender_century % 2 == 1
    century_start = CCCD_CENTURY_START[gender_century // 2]
    if gender and coded_female != (gender == "female"):
        errors.append(
            _("Số CCCD: chữ số thứ 4 (%(digit)s) là mã của %(coded)s, không khớp với giới tính đã nhập.")
            % {"digit": national_id[3], "coded": _("nữ") if coded_female else _("nam")}
        )
    if birth_date:
        if century_start != (birth_date.year // 100) * 100:
            errors.append(
                _(
                    "Số CCCD: chữ số thứ 4 (%(digit)s) chỉ thế kỷ sinh %(start)s–%(end)s, không khớp với năm sinh %(year)s."
                )
                % {"digit": national_id[3], "start": century_start, "end": century_start + 99, "year": birth_date.year}
            )
        if national_id[4:6] != f"{birth_date.year % 100:02d}":
            errors.append(
                _("Số CCCD: chữ số thứ 5–6 (%(digits)s) phải là hai số cuối của năm sinh (%(year)s).")
                % {"digits": national_id[4:6], "year": birth_date.year}
            )
    return errors


def admission_age_limits(on: dt.date) -> tuple[int, int]:
    """The youngest and oldest age at admission, in months, in force on `on` (parameters)."""
    return (
        parameters.value(ADMISSION_MIN_AGE_MONTHS.key, on=on),
        parameters.value(ADMISSION_MAX_AGE_MONTHS.key, on=on),
    )


def admission_age_error(
    *, birth_date: dt.date, admitted_on: dt.date, over_age_decision: str = "", limits=admission_age_limits
) -> str | None:
    """Age at admission must be from 18 to 60, counted in months (QĐ 294-QĐ/TW); over 60 only with the
    decision of the standing committee of the committee directly under the centre (`over_age_decision`).
    `limits`: admission_age_limits, or a caller's memo of it (many records checked at once)."""
    months = months_between(birth_date, admitted_on)
    min_months, max_months = limits(admitted_on)
    if months < min_months:
        return _("Tuổi khi kết nạp (%(years)s năm %(months)s tháng) chưa đủ %(min)s tuổi theo quy định.") % {
            "years": months // 12,
            "months": months % 12,
            "min": min_months // 12,
        }
    if months > max_months and not over_age_decision.strip():
        return _(
            "Tuổi khi kết nạp (%(years)s năm %(months)s tháng) quá %(max)s tuổi; phải có quyết định của Ban "
            "Thường vụ tỉnh ủy, thành ủy (cấp ủy trực thuộc Trung ương) cho kết nạp."
        ) % {"years": months // 12, "months": months % 12, "max": max_months // 12}
    return None


def validate_member_dates(
    *,
    birth_date: dt.date | None,
    admission_decision_date: dt.date | None,
    admission_date: dt.date | None,
    official_date: dt.date | None,
    today: dt.date,
    considered_on: dt.date | None = None,
    over_age_decision: str = "",
    limits=admission_age_limits,
) -> None:
    """Dates not in the future; official after admission; age at admission within the limits — on the day
    the cell considered the case when it is known (QĐ 294; the error then names the birth date), else on the
    admission decision (or ceremony) date. `limits`: as for admission_age_error."""
    errors: dict[str, list[str]] = future_errors(
        on=today,
        birth_date=birth_date,
        admission_decision_date=admission_decision_date,
        admission_date=admission_date,
        official_date=official_date,
    )
    if admission_date and official_date and official_date <= admission_date:
        errors.setdefault("official_date", []).append(_("Ngày chính thức phải sau ngày vào Đảng."))
    if admission_decision_date and admission_date and admission_date < admission_decision_date:
        errors.setdefault("admission_date", []).append(_("Ngày lễ kết nạp không được trước ngày quyết định kết nạp."))
    admitted_on = considered_on or admission_decision_date or admission_date
    if birth_date and admitted_on and "birth_date" not in errors:  # no age from a birth date to come
        message = admission_age_error(
            birth_date=birth_date, admitted_on=admitted_on, over_age_decision=over_age_decision, limits=limits
        )
        if message:
            field = "birth_date" if considered_on else "admission_decision_date" if admission_decision_date else None
            errors.setdefault(field or "admission_date", []).append(message)
    if errors:
        raise ValidationError(errors)


# A person's name (Luật Căn cước 2023, art. 9: họ, chữ đệm và tên khai sinh): letters, spaces and the marks names
# use; a name with no letter ("12345", a phone number in the wrong column) is a typing or import error.
NAME_NEEDS_LETTERS = gettext_lazy("Họ và tên phải có chữ cái, không thể chỉ gồm chữ số hay ký hiệu.")


def validate_person_name(value: str) -> None:
    if not any(ch.isalpha() for ch in value or ""):
        raise ValidationError(NAME_NEEDS_LETTERS, code="name_letters")
