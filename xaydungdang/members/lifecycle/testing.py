"""Helpers for tests and demo data: admit a member through the real services with few arguments."""

import datetime as dt
import itertools

from xaydungdang.members.choices import Gender
from xaydungdang.members.lifecycle.services import member_admit, member_recognize_official

_numbers = itertools.count(1)


def admit(actor, organization, *, ceremony: dt.date, decision: dt.date | None = None, official: bool = False, **fields):
    """A member admitted on `ceremony` (decision 5 days before), optionally recognized official on time."""
    number = next(_numbers)
    decision = decision or ceremony - dt.timedelta(days=5)
    fields.setdefault("full_name", f"Đảng viên Thử Nghiệm {number}")
    fields.setdefault("gender", Gender.MALE)
    fields.setdefault("birth_date", dt.date(decision.year - 25, 6, 1))
    fields.setdefault("education_level", "upper_secondary")
    member = member_admit(
        actor=actor,
        organization=organization,
        decision_number=f"{number}-QĐ/ĐU",
        decision_date=decision,
        issued_by="Đảng ủy phường",
        ceremony_date=ceremony,
        **fields,
    )
    if official:
        from xaydungdang.members.lifecycle.rules import probation_end

        end = probation_end(ceremony)
        member = member_recognize_official(
            actor=actor, member=member, decision_number=f"{number}-QĐ/CNCT", decision_date=end + dt.timedelta(days=20)
        )
    return member
