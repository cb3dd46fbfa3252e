"""The tables a member import writes carry no index that no query reads (issue 10, migration 0013)."""

import pytest
from django.db import connection

from xaydungdang.exchange.models import ImportedRow
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod

pytestmark = pytest.mark.django_db


def _indexed_columns(model) -> set[tuple[str, ...]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {tuple(c["columns"]) for c in constraints.values() if c["index"] and not c["primary_key"]}


def _like_indexes(model) -> list[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [name for name in constraints if name.endswith("_like")]


def test_the_history_is_indexed_by_member_and_date_only():
    assert _indexed_columns(Member.history.model) == {("id",), ("history_date",), ("history_user_id",)}
    assert _indexed_columns(MembershipEvent.history.model) == {("id",), ("history_date",), ("history_user_id",)}


def test_foreign_keys_are_served_by_the_composite_indexes_that_start_with_them():
    assert ("organization_id",) not in _indexed_columns(Member)
    assert ("organization_id", "status") in _indexed_columns(Member)
    periods = _indexed_columns(MembershipPeriod)
    assert ("member_id",) not in periods and ("organization_id",) not in periods
    assert {("member_id", "valid_from"), ("organization_id", "valid_from")} <= periods


def test_no_pattern_index_where_nothing_searches_by_prefix():
    for model in (Member, Member.history.model, MembershipEvent.history.model, ImportedRow):
        assert _like_indexes(model) == []
    assert ("row_hash",) in _indexed_columns(ImportedRow)  # looked up by equality
