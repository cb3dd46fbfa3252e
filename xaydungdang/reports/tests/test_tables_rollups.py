"""The statistical tables' rows per child: read from the children's rollups, they equal the live
GROUP BY over the raw rows (and the oracle), on today and past dates, with constant query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xaydungdang.core.dates import today
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org
from xaydungdang.reports.models import RollupFeature
from xaydungdang.reports.selectors.children import counts_by_child
from xaydungdang.reports.tables import fill
from xaydungdang.reports.tests.oracle import expected_counts, nonzero

DATES = [None, dt.date(2024, 2, 29), dt.date(2011, 5, 18), dt.date(1990, 1, 1)]


@pytest.fixture
def mixed(tree, varied):
    """A grassroots cell right under the province (no rollups of its own) beside the two communes."""
    for feature in (RollupFeature.CHANGES, RollupFeature.UPPER_GRASSROOTS):  # a live-server test may flush them
        RollupFeature.objects.get_or_create(name=feature)
    direct = make_org(tree.province, K.GRASSROOTS_CELL, "Chi bộ Cơ quan Tỉnh ủy", "P92-T")
    MemberFactory(organization=direct, full_name="Trịnh Văn Quang")
    return direct


def _rows(result):
    return [(child.pk, nonzero(counts)) for child, counts in result]


@pytest.mark.parametrize("on", DATES)
def test_rows_per_child_from_rollups_equal_the_live_group_by(tree, mixed, on):
    on = on or today()
    for organization in (tree.province, tree.commune_a):
        fast = counts_by_child(organization, on)
        assert _rows(fast) == _rows(counts_by_child(organization, on, use_rollups=False)), organization
        for child, counts in fast:
            assert nonzero(counts) == nonzero(expected_counts(child, on)), child


def test_the_tables_take_as_many_queries_whatever_the_children(tree, mixed):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            fill(tree.province, today())
        return len(captured)

    before = queries()
    commune = make_org(tree.province, K.UPPER_GRASSROOTS, "Đảng bộ phường An Hòa", "P92-C")
    MemberFactory(organization=make_org(commune, K.GRASSROOTS_CELL, "Chi bộ khu vực 3", "P92-C-1"))
    assert queries() == before
