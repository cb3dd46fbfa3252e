"""One service per lifecycle event kind. Personal data corrections are `members.services.member_update`."""

from xaydungdang.members.lifecycle.services.admission import (
    member_admit,
    member_annul_admission,
    member_readmit,
    member_recognize_official,
)
from xaydungdang.members.lifecycle.services.records import badge_award, badge_return, party_card_issue
from xaydungdang.members.lifecycle.services.status import (
    member_clear_expulsion,
    member_discipline,
    member_dismiss,
    member_end_exemption,
    member_exempt,
    member_expel,
    member_record_death,
    member_resign,
    member_strike_off,
)
from xaydungdang.members.lifecycle.services.transfers import (
    member_temporary_end,
    member_temporary_start,
    member_transfer_in_from_outside,
    transfer_accept,
    transfer_cancel,
    transfer_issue,
)

__all__ = [
    "badge_award",
    "badge_return",
    "member_admit",
    "member_annul_admission",
    "member_clear_expulsion",
    "member_discipline",
    "member_dismiss",
    "member_end_exemption",
    "member_exempt",
    "member_expel",
    "member_readmit",
    "member_recognize_official",
    "member_record_death",
    "member_resign",
    "member_strike_off",
    "member_temporary_end",
    "member_temporary_start",
    "member_transfer_in_from_outside",
    "party_card_issue",
    "transfer_accept",
    "transfer_cancel",
    "transfer_issue",
]
