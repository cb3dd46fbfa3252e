"""The dashboard on the fast path: a constant number of queries, the same figures as the separate reads."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org
from xaydungdang.reports.models import AdmissionPlan, RollupFeature
from xaydungdang.reports.selectors import subtree_statistics
from xaydungdang.reports.selectors.admissions import achievement, achievement_and_admissions, admissions
from xaydungdang.reports.selectors.changes import member_changes
from xaydungdang.reports.selectors.organizations import organization_changes, organization_counts
from xaydungdang.reports.tests.oracle import expected_counts
from xaydungdang.reports.tests.test_views import _login

# Session, user, grants, the organization, its ancestors, the report roots, the unread notifications;
# then the features, one "rollups built" probe, the rollup token, the organizations, the children, the
# plans, the admissions of both windows; and when the token's figures are not cached yet, the counts and
# the changes of the window.
WARM, COLD = 14, 16


def _grow(commune):
    """More of everything the dashboard counts: a cell with members, an organization dissolved, a plan."""
    cell = make_org(commune, K.GRASSROOTS_CELL, "Chi bộ khu vực 9", "P92-A-9")
    for index in range(4):
        admitted = dt.date(2021, 3, 1 + index)
        MemberFactory(
            organization=cell,
            admission_date=admitted,
            admission_decision_date=admitted,
            official_date=None,
            status="probationary",
        )
    gone = make_org(commune, K.GRASSROOTS_CELL, "Chi bộ khu vực 10", "P92-A-10")
    gone.founded_on, gone.dissolved_on = dt.date(2019, 1, 1), dt.date(2024, 6, 30)
    gone.save()
    AdmissionPlan.objects.create(organization=cell, year=dt.date.today().year, planned=3)


@pytest.mark.parametrize("params", [{}, {"on": "31/12/2024", "since": "01/01/2016"}])
def test_the_commune_dashboard_reads_a_constant_number_of_queries(  # noqa: PLR0913 - fixtures
    client, tree, varied, users, django_assert_num_queries, params
):
    for feature in (RollupFeature.CHANGES, RollupFeature.UPPER_GRASSROOTS):  # a live-server test may flush them
        RollupFeature.objects.get_or_create(name=feature)
    _login(client, users.officer)
    url, params = reverse("reports:dashboard"), {"org": tree.commune_a.pk, **params}
    client.get(url, params)  # the session warmed
    pages = []
    for grow in (False, True):
        if grow:
            _grow(tree.commune_a)  # a new token: the figures are read again
        else:
            cache.clear()
        with django_assert_num_queries(COLD):
            pages.append(client.get(url, params))
        with django_assert_num_queries(WARM):
            assert client.get(url, params).context["members"] == pages[-1].context["members"]
    before, after = pages
    assert before.context["stats"]["source"] == after.context["stats"]["source"] == "rollup"
    assert after.context["total_members"] == before.context["total_members"] + 4


def test_the_combined_reads_give_the_separate_figures(tree, varied):
    _grow(tree.commune_a)
    year = dt.date.today().year
    for organization in (tree.province, tree.commune_a, tree.school):
        for on, since in ((dt.date.today(), dt.date(year, 1, 1)), (dt.date(2024, 12, 31), dt.date(2015, 6, 30))):
            total, rows = achievement(organization, on.year, on)
            window = (since + dt.timedelta(days=1), on)
            combined = achievement_and_admissions(organization, on.year, on, window)
            assert combined == (total, rows, admissions(organization, *window))
            changes = member_changes(organization, since, on)
            assert member_changes(organization, since, on, admitted=combined[2]) == changes
            stats = subtree_statistics(organization=organization, on=on, since=since)
            assert stats["organizations"] == organization_counts(organization, on)
            assert stats["organization_changes"] == organization_changes(organization, since, on)


def test_a_change_of_membership_is_seen_at_once_despite_the_cache(
    client, tree, varied, users, django_assert_max_num_queries
):
    for feature in (RollupFeature.CHANGES, RollupFeature.UPPER_GRASSROOTS):
        RollupFeature.objects.get_or_create(name=feature)
    _login(client, users.officer)
    url = reverse("reports:dashboard")
    for organization in (tree.commune_a, tree.province):
        params = {"org": organization.pk}
        first = client.get(url, params).context
        with django_assert_max_num_queries(WARM):  # from the cache (COLD otherwise)
            assert client.get(url, params).context["total_members"] == first["total_members"]
        admitted = dt.date.today() - dt.timedelta(days=1)
        MemberFactory(
            organization=tree.village_a,
            admission_date=admitted,
            admission_decision_date=admitted,
            official_date=None,
            status="probationary",
        )
        seen = client.get(url, params).context
        assert seen["stats"]["source"] == "rollup"
        assert seen["total_members"] == first["total_members"] + 1
        assert seen["members"]["status"]["probationary"] == first["members"]["status"]["probationary"] + 1
        assert seen["member_changes"]["in"]["total"] == first["member_changes"]["in"]["total"] + 1
        assert seen["total_members"] == expected_counts(organization, dt.date.today())["total"][""]
