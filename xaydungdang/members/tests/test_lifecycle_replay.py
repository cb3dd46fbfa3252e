"""A long random sequence of valid service calls: replaying every member's log reproduces the cache exactly."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.lifecycle.choices import DisciplineForm, StrikeOffGround, TransferState
from xaydungdang.members.lifecycle.testing import admit
from xaydungdang.members.models import Member
from xaydungdang.members.state import replay

pytestmark = pytest.mark.django_db

ACTIONS = [
    "recognize", "transfer", "accept", "cancel", "out", "temporary", "temporary_end", "exempt", "exempt_end",
    "discipline", "strike_off", "resign", "death", "readmit", "card", "annul",
]  # fmt: skip


def _call(action, member, day, cells, actor):
    """One service call; refusals are part of the game (the rules decide), only the replay must hold."""
    other = cells[(cells.index(member.organization) + 1) % len(cells)]
    calls = {
        "recognize": lambda: svc.member_recognize_official(actor=actor, member=member, decision_number="1", decision_date=day),
        "transfer": lambda: svc.transfer_issue(actor=actor, member=member, to_organization=other, letter_number="1", issued_on=day),
        "accept": lambda: [svc.transfer_accept(actor=actor, transfer=t, accepted_on=day, note="late") for t in member.transfers.filter(state=TransferState.ISSUED)],
        "cancel": lambda: [svc.transfer_cancel(actor=actor, transfer=t, cancelled_on=day, reason="x") for t in member.transfers.filter(state=TransferState.ISSUED)],
        "out": lambda: svc.transfer_issue(actor=actor, member=member, external_organization="Ngoài", letter_number="2", issued_on=day),
        "temporary": lambda: svc.member_temporary_start(actor=actor, member=member, to_organization=other, effective_date=day, until=day + dt.timedelta(days=120)),
        "temporary_end": lambda: svc.member_temporary_end(actor=actor, member=member, effective_date=day),
        "exempt": lambda: svc.member_exempt(actor=actor, member=member, effective_date=day, reason="Tuổi cao"),
        "exempt_end": lambda: svc.member_end_exemption(actor=actor, member=member, effective_date=day),
        "discipline": lambda: svc.member_discipline(actor=actor, member=member, form=DisciplineForm.WARNING, effective_date=day, reason="x"),
        "strike_off": lambda: svc.member_strike_off(actor=actor, member=member, ground=StrikeOffGround.OTHER, effective_date=day),
        "resign": lambda: svc.member_resign(actor=actor, member=member, effective_date=day, reason="x"),
        "death": lambda: svc.member_record_death(actor=actor, member=member, effective_date=day),
        "readmit": lambda: svc.member_readmit(actor=actor, member=member, organization=other, decision_number="1", decision_date=day, issued_by="ĐU", ceremony_date=day),
        "card": lambda: svc.party_card_issue(actor=actor, member=member, card_number="12345678", issued_on=day),
        "annul": lambda: svc.member_annul_admission(actor=actor, member=member, effective_date=day, reason="x"),
    }  # fmt: skip
    try:
        calls[action]()
    except ValidationError:
        pass


def assert_replay_matches(member: Member) -> None:
    result = replay(member.events.order_by("effective_date", "id"))
    s = result.state
    assert (
        s.organization_id,
        s.status,
        s.is_exempted,
        s.admission_date,
        s.admission_decision_date,
        s.official_date,
    ) == (
        member.organization_id,
        member.status,
        member.is_exempted,
        member.admission_date,
        member.admission_decision_date,
        member.official_date,
    )
    stored = list(
        member.periods.order_by("valid_from", "id").values_list(
            "organization_id", "attachment", "status", "is_exempted", "valid_from", "valid_to"
        )
    )
    replayed = [
        (p.organization_id, p.attachment, p.status, p.is_exempted, p.valid_from, p.valid_to) for p in result.periods
    ]
    assert stored == replayed
    official = [p for p in replayed if p[1] == "official"]
    for before, after in zip(official, official[1:], strict=False):
        assert before[5] is not None and before[5] <= after[4], "official periods never overlap"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from(ACTIONS), st.integers(0, 200)), min_size=20, max_size=45
    )
)
def test_random_valid_service_calls_replay_to_the_cached_state(tree, users, steps):
    actor = users.officer
    cells = [tree.cell_1, tree.cell_2, tree.village_a]
    people = [admit(actor, cells[i], ceremony=dt.date(2005, 1, 3)) for i in range(3)]
    day = dt.date(2005, 2, 1)
    for who, action, days in steps:
        day += dt.timedelta(days=days)
        member = Member.objects.get(pk=people[who].pk)
        _call(action, member, day, cells, actor)
    for member in Member.objects.all():
        assert_replay_matches(member)
