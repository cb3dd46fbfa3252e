"""A province whose rollups were never built is counted live, and the dashboard says so."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.core.dates import today
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org
from xaydungdang.reports.models import RollupDay, RollupFeature, RollupFootprint, RollupMonth
from xaydungdang.reports.rollups.readiness import rollups_missing
from xaydungdang.reports.rollups.rebuild import rebuild
from xaydungdang.reports.selectors import subtree_statistics
from xaydungdang.reports.selectors.children import counts_by_child
from xaydungdang.reports.tests.oracle import expected_counts, nonzero

NOTE = "Số liệu tổng hợp của tổ chức này chưa được tính"


def _never_built():
    for model in (RollupDay, RollupMonth, RollupFootprint):
        model.objects.all().delete()


def test_never_built_rollups_fall_back_to_live_counts(tree, varied):
    _never_built()
    assert rollups_missing(tree.province)
    assert rollups_missing(tree.commune_a)
    assert not rollups_missing(tree.cell_1)  # counted live anyway
    for on in (dt.date(2026, 1, 15), dt.date(2011, 5, 18)):
        stats = subtree_statistics(organization=tree.province, on=on)
        assert stats["source"] == "live" and stats["rollups_missing"]
        assert nonzero(stats["members"]) == nonzero(expected_counts(tree.province, on))
    rebuild()
    stats = subtree_statistics(organization=tree.province)
    assert stats["source"] == "rollup" and not stats["rollups_missing"]


def test_communes_count_live_until_a_rebuild_completes_their_rows(tree, varied):
    """A database whose rollups were built before communes kept them: their rows hold only what the
    writers added since, so they are read live (without the note) until `rebuild_rollups` marks them."""
    RollupDay.objects.filter(organization=tree.commune_a).delete()
    RollupMonth.objects.filter(organization=tree.commune_a).delete()
    RollupFeature.objects.filter(name=RollupFeature.UPPER_GRASSROOTS).delete()
    on = dt.date(2026, 1, 15)
    stats = subtree_statistics(organization=tree.commune_a, on=on)
    assert stats["source"] == "live" and not stats["rollups_missing"]
    assert counts_by_child(tree.province, on)[0][1] == stats["members"]
    rebuild()
    assert RollupFeature.objects.filter(name=RollupFeature.UPPER_GRASSROOTS).exists()
    stats = subtree_statistics(organization=tree.commune_a, on=on)
    assert stats["source"] == "rollup"
    assert nonzero(stats["members"]) == nonzero(expected_counts(tree.commune_a, on))


def test_a_province_without_members_needs_no_rollups(db):
    empty = make_org(None, K.PROVINCIAL, "Đảng bộ tỉnh mới", "P99")
    make_org(empty, K.GRASSROOTS_CELL, "Chi bộ mới", "P99-1")
    assert not rollups_missing(empty)
    assert subtree_statistics(organization=empty)["source"] == "rollup"


def test_the_dashboard_shows_a_note_while_counting_live(client, tree, varied, users):
    client.login(username=users.officer.username, password=PASSWORD)
    url = reverse("reports:dashboard")
    assert NOTE not in client.get(url, {"org": tree.province.pk}).content.decode()
    _never_built()
    response = client.get(url, {"org": tree.province.pk})
    assert NOTE in response.content.decode()
    assert response.context["total_members"] == expected_counts(tree.province, today())["total"][""]
    assert NOTE in client.get(url, {"org": tree.commune_a.pk}).content.decode()
    assert NOTE not in client.get(url, {"org": tree.school.pk}).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the set-based engine needs PostgreSQL")
def test_a_rebuild_without_communes_reads_them_live_and_the_rest_from_rollups(tree, varied):
    """`rebuild_rollups --without-communes` (national size: communes hold most rows) leaves the communes
    counted live and exact, the province read from its rollups and exact; a full rebuild brings them back."""
    on = dt.date(2026, 1, 15)
    call_command("rebuild_rollups", "--without-communes", stdout=io.StringIO())
    assert not RollupFeature.objects.filter(name=RollupFeature.UPPER_GRASSROOTS).exists()
    assert not RollupDay.objects.filter(organization=tree.commune_a).exists()
    commune = subtree_statistics(organization=tree.commune_a, on=on)
    assert commune["source"] == "live" and not commune["rollups_missing"]
    assert nonzero(commune["members"]) == nonzero(expected_counts(tree.commune_a, on))
    province = subtree_statistics(organization=tree.province, on=on)
    assert province["source"] == "rollup"
    assert nonzero(province["members"]) == nonzero(expected_counts(tree.province, on))
    assert counts_by_child(tree.province, on)[0][1] == commune["members"]
    rebuild()
    assert subtree_statistics(organization=tree.commune_a, on=on)["source"] == "rollup"


def test_a_rebuild_without_communes_needs_the_set_based_engine(db):
    with pytest.raises(ValueError, match="set-based"):
        rebuild(engine="python", without_communes=True)
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="cần cơ sở dữ liệu PostgreSQL"):
            call_command("rebuild_rollups", "--without-communes")
