"""Course certificates as the lifecycle sees them, without importing the training app.

The admission pipeline (candidates) and recognition as official member (members.lifecycle) need to know
whether a person holds the awareness or the new-member course certificate, but they sit at or below the
training app's layer and must not import it. So training registers a `CertificateSource` here in its
`AppConfig.ready()`, and they ask through these functions. With no source registered (training not
installed) nothing is known: the functions return None and no rule refuses.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from xaydungdang.core import parameters
from xaydungdang.core.dates import format_vn_date

WARN, REFUSE = "warn", "refuse"
NEW_MEMBER_AT_RECOGNITION = parameters.define(
    "training.new_member_course_at_recognition",
    WARN,
    legal_basis="HD 12-HD/BTCTW 2022: hồ sơ công nhận đảng viên chính thức có giấy chứng nhận lớp bồi dưỡng "
    "đảng viên mới (rules.md §2.2, §2.11) [INFERRED: cảnh báo hay từ chối là tùy chọn của địa phương]",
    description="Khi công nhận chính thức mà chưa có giấy chứng nhận lớp đảng viên mới: warn (cảnh báo) "
    "hoặc refuse (từ chối)",
)
NO_NEW_MEMBER_COURSE = gettext_lazy(
    "Đảng viên chưa có giấy chứng nhận học chương trình lý luận chính trị dành cho đảng viên mới "
    "(HD 12-HD/BTCTW: hồ sơ công nhận đảng viên chính thức)."
)
COURSE_CERTIFICATE_DATE = gettext_lazy(
    "Ngày của bước này phải là ngày cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng số %(number)s (%(day)s)."
)


@dataclass(frozen=True)
class CertificateInfo:
    number: str
    issued_on: dt.date
    issued_by: str


class CertificateSource(Protocol):
    def awareness_certificate(self, *, candidate_id: int) -> CertificateInfo | None: ...

    def new_member_certificate(self, *, member_id: int) -> CertificateInfo | None: ...


_source: list[CertificateSource] = []


def register_source(source: CertificateSource) -> None:
    _source[:] = [source]


def awareness_certificate(candidate_id: int) -> CertificateInfo | None:
    return _source[0].awareness_certificate(candidate_id=candidate_id) if _source else None


def new_member_certificate(member_id: int) -> CertificateInfo | None:
    return _source[0].new_member_certificate(member_id=member_id) if _source else None


def recognition_warnings(member_id: int, on: dt.date | None = None) -> list[str]:
    """What to tell the user before recognizing the member (shown on the form in either mode)."""
    if not _source or new_member_certificate(member_id):
        return []
    return [str(NO_NEW_MEMBER_COURSE)]


def check_recognition(member_id: int, on: dt.date) -> None:
    """Refuse the recognition when the dated setting says so and the certificate is missing."""
    if parameters.value(NEW_MEMBER_AT_RECOGNITION.key, on=on) == REFUSE and recognition_warnings(member_id, on):
        raise ValidationError({"decision_number": [NO_NEW_MEMBER_COURSE]})


def course_step(candidate_id: int, done_on: dt.date, document_number: str) -> str:
    """The awareness-course step reads the certificate: its number is the step's document, its date the
    step's date. Without one in the system the step keeps what the user typed (a paper certificate)."""
    certificate = awareness_certificate(candidate_id)
    if certificate is None:
        return document_number
    if done_on != certificate.issued_on:
        raise ValidationError(
            {
                "done_on": [
                    COURSE_CERTIFICATE_DATE
                    % {"number": certificate.number, "day": format_vn_date(certificate.issued_on)}
                ]
            }
        )
    return document_number.strip() or certificate.number
