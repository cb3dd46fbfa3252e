"""Subtree filters select the same rows on both databases and, on SQLite, through the path's index."""

import pytest
from django.db import connection

from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_subtree_filter_selects_exactly_the_paths_that_start_with_the_prefix(tree, members):
    organizations = list(Organization.objects.all())
    for organization in organizations:
        for prefix in (organization.path, organization.path[:-1]):
            found = set(Organization.objects.filter(path__startswith=prefix).values_list("pk", flat=True))
            assert found == {o.pk for o in organizations if o.path.startswith(prefix)}
    school = set(Member.objects.filter(organization__path__startswith=tree.school.path))
    assert school == {members.hung, members.lan, members.hoa}


def test_subtree_filter_matches_a_pattern_character_literally(tree):
    assert not Organization.objects.filter(path__startswith="%").exists()
    assert not Organization.objects.filter(path__startswith="_").exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL uses varchar_pattern_ops")
def test_sqlite_answers_a_subtree_filter_from_the_path_index(tree):
    sql, params = (
        Member.objects.filter(organization__path__startswith=tree.school.path).values("id").query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(row[-1] for row in cursor.fetchall())
    assert "SEARCH organizations_organization USING" in plan and "(path>? AND path<?)" in plan
