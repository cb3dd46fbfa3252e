import datetime as dt

import pytest

from xaydungdang.reports.rollups.rebuild import rebuild, verify
from xaydungdang.reports.selectors import subtree_statistics
from xaydungdang.reports.tests.oracle import expected_counts, nonzero

DATES = [dt.date(2026, 1, 15), dt.date(2024, 2, 29), dt.date(2024, 1, 1), dt.date(2023, 12, 31), dt.date(2011, 5, 18),
         dt.date(2011, 5, 19), dt.date(1990, 1, 1)]  # fmt: skip


@pytest.mark.parametrize("on", DATES)
@pytest.mark.parametrize("use_rollups", [True, False])
def test_counts_match_the_raw_rows_for_every_subtree(tree, varied, on, use_rollups):
    for organization in (tree.province, tree.commune_a, tree.school, tree.cell_1, tree.commune_b):
        stats = subtree_statistics(organization=organization, on=on, use_rollups=use_rollups)
        assert nonzero(stats["members"]) == nonzero(expected_counts(organization, on)), organization


def test_the_province_and_a_commune_read_their_rollups_and_a_cell_counts_live(tree, varied):
    assert subtree_statistics(organization=tree.province)["source"] == "rollup"
    assert subtree_statistics(organization=tree.commune_a)["source"] == "rollup"
    assert subtree_statistics(organization=tree.cell_1)["source"] == "live"


def test_organizations_are_counted_by_kind_on_the_date(tree):
    tree.cell_2.founded_on = dt.date(2020, 1, 1)
    tree.cell_2.dissolved_on = dt.date(2025, 7, 1)
    tree.cell_2.save()
    now = subtree_statistics(organization=tree.province, on=dt.date(2025, 7, 1))["organizations"]
    before = subtree_statistics(organization=tree.province, on=dt.date(2025, 6, 30))["organizations"]
    older = subtree_statistics(organization=tree.province, on=dt.date(2019, 12, 31))["organizations"]
    assert before["by_kind"]["cell"] == 2 and before["total"] == 7
    assert now["by_kind"]["cell"] == 1 and now["total"] == 6
    assert older["by_kind"]["cell"] == 1


def test_rebuild_gives_the_same_rows_as_the_hook_and_verify_agrees(tree, varied):
    assert verify() == []
    before = subtree_statistics(organization=tree.province, on=DATES[0])
    counts = rebuild()
    assert counts["members"] == 9
    assert verify() == []
    assert subtree_statistics(organization=tree.province, on=DATES[0]) == before


def test_verify_reports_a_tampered_rollup(tree, varied):
    from xaydungdang.reports.models import RollupDay

    row = RollupDay.objects.filter(dimension="gender", bucket="female").first()
    row.delta += 1
    row.save()
    problems = verify()
    assert len(problems) == 1
    assert "gender/female" in problems[0] and "[ngày]" in problems[0]
