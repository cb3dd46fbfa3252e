"""One service per lifecycle event kind. Personal data corrections are `members.services.member_update`."""

from xaydungdang.members.choices import EventKind
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

# The one map from an event kind recorded on an existing member to its service, in the order of the pages'
# menu: the page's forms (`lifecycle.forms.EVENT_FORMS`) and the API's requests (`api.events.EVENT_REQUESTS`)
# are built from it, so a kind is recordable in both or in neither. Admission, the arrival of a transfer
# (its acceptance) and corrections have their own entry points.
EVENT_SERVICES = {
    EventKind.RECOGNIZED_OFFICIAL: member_recognize_official,
    EventKind.ADMISSION_ANNULLED: member_annul_admission,
    EventKind.TRANSFERRED_OUT: transfer_issue,
    EventKind.TEMPORARY_STARTED: member_temporary_start,
    EventKind.TEMPORARY_ENDED: member_temporary_end,
    EventKind.EXEMPTED: member_exempt,
    EventKind.EXEMPTION_ENDED: member_end_exemption,
    EventKind.DISCIPLINED: member_discipline,
    EventKind.STRUCK_OFF: member_strike_off,
    EventKind.EXPELLED: member_expel,
    EventKind.DISMISSED: member_dismiss,
    EventKind.RESIGNED: member_resign,
    EventKind.DECEASED: member_record_death,
    EventKind.PARTY_CARD_ISSUED: party_card_issue,
    EventKind.BADGE_AWARDED: badge_award,
    EventKind.READMITTED: member_readmit,
    EventKind.EXPULSION_CLEARED: member_clear_expulsion,
    EventKind.BADGE_RETURNED: badge_return,
}

__all__ = [
    "EVENT_SERVICES",
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
