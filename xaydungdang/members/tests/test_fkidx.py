"""Rows a member import writes by the hundred thousand and that carry no integrity of their own (audit notes,
rows derived from the events) have no foreign-key constraint, whose check per row at COMMIT cost the import
(migration 0016_fkidx); Django still cascades, protects and sets null. The member's cell and the events'
member and organizations keep theirs."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import ProtectedError

from xaydungdang.accounts.models import User
from xaydungdang.members.choices import EventKind, MemberStatus
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org

pytestmark = pytest.mark.django_db


def _foreign_keys(model) -> set[str]:
    """The columns of `model`'s table that the database checks against another table."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {column for c in constraints.values() if c["foreign_key"] for column in c["columns"]}


def test_audit_notes_and_derived_periods_have_no_foreign_key_constraint():
    assert "history_user_id" not in _foreign_keys(Member.history.model)
    assert "history_user_id" not in _foreign_keys(MembershipEvent.history.model)
    assert "recorded_by_id" not in _foreign_keys(MembershipEvent)
    assert not _foreign_keys(MembershipPeriod) & {"member_id", "organization_id"}


def test_members_and_events_keep_their_foreign_key_constraints():
    assert "organization_id" in _foreign_keys(Member)
    assert {"member_id", "from_organization_id", "to_organization_id"} <= _foreign_keys(MembershipEvent)


def test_deleting_a_member_still_deletes_their_periods(members):
    hung = members.hung
    assert MembershipPeriod.objects.filter(member=hung).exists()
    hung.delete()
    assert not MembershipPeriod.objects.filter(member_id=hung.pk).exists()


def test_an_organization_with_periods_is_still_protected(members, tree):
    empty = make_org(tree.commune_b, K.GRASSROOTS_CELL, "Chi bộ khu vực 3", "P92-B-W")
    MembershipPeriod.objects.create(
        member=members.tuan,
        organization=empty,
        status=MemberStatus.OFFICIAL,
        valid_from=dt.date(2001, 1, 1),
        valid_to=dt.date(2002, 1, 1),
    )
    with pytest.raises(ProtectedError):
        empty.delete()


def test_deleting_a_user_still_clears_them_from_events_and_history(members):
    clerk = User.objects.create_user(username="nguoighi", password="x")  # noqa: S106
    event = MembershipEvent(
        member=members.lan, kind=EventKind.DATA_CORRECTED, effective_date=dt.date(2020, 1, 1), recorded_by=clerk
    )
    event._history_user = clerk
    event.save()
    lan = Member.objects.get(pk=members.lan.pk)
    lan._history_user = clerk
    lan.save()

    clerk_id = clerk.pk
    clerk.delete()

    event.refresh_from_db()
    assert event.recorded_by is None
    assert not MembershipEvent.history.filter(history_user_id=clerk_id).exists()
    assert not Member.history.filter(history_user_id=clerk_id).exists()
    assert MembershipEvent.history.filter(id=event.pk, history_user=None).exists()  # the history row is kept
