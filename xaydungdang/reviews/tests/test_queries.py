"""Grids, results and exports run the same number of queries for 5 rows and for 60 (no N+1).

Each test measures the same request at both sizes in one run and asserts the counts are equal and under a
small ceiling, so a per-row query fails here whatever else the page does.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.members.models import Member
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.tests.factories import make_org
from xaydungdang.reviews import services
from xaydungdang.reviews.choices import DossierStatus, Level, TaskProgress
from xaydungdang.reviews.models import Dossier
from xaydungdang.reviews.tally import tally_rebuild

SIZES = (5, 60)
# Measured: grid 16 (+1 for the base template's home organization), row 22 (2 of them the tallies' upserts,
# reviews.tally), results 13, xlsx 13.
GRID_MAX = 18
ROW_MAX = 22
RESULTS_MAX = 14
XLSX_MAX = 14  # with the access log: its row and the bulk-read alert's one sum over the window (issue 16)


def _count(send, *args, **kwargs) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = send(*args, **kwargs)
    assert response.status_code in (200, 302), response.status_code
    return len(ctx.captured_queries)


def _grow_cell(tree, rows: int) -> None:
    """Chi bộ 1 has 2 members in the cast; add members until its dossier has `rows` member rows."""
    MemberFactory.create_batch(rows - Member.objects.filter(organization=tree.cell_1).count(), organization=tree.cell_1)


def _login(client, user) -> None:
    client.login(username=user.username, password=PASSWORD)


def test_grid_page_runs_the_same_queries_for_5_and_60_rows(client, users, period, tree):
    _login(client, users.secretary)
    url = reverse("reviews:dossier", args=[period.pk, tree.cell_1.pk])
    counts = {}
    for rows in SIZES:
        _grow_cell(tree, rows)
        client.post(reverse("reviews:dossier_open", args=[period.pk, tree.cell_1.pk]))  # adds the new rows
        counts[rows] = _count(client.get, url)
        assert client.get(url).text.count('id="row-') == rows + 1  # + the cell's own row
    assert counts[5] == counts[60] <= GRID_MAX, counts


def test_approver_grid_with_override_forms_runs_the_same_queries(client, users, period, tree):
    _login(client, users.officer)
    url = reverse("reviews:dossier", args=[period.pk, tree.cell_1.pk])
    counts = {}
    for rows in SIZES:
        _grow_cell(tree, rows)
        dossier = services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
        Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.SUBMITTED)
        counts[rows] = _count(client.get, url)
        assert client.get(url).text.count('id="override-') == rows + 1
        Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.DRAFT)
    assert counts[5] == counts[60] <= GRID_MAX, counts


def test_row_endpoint_runs_the_same_queries_for_5_and_60_rows(client, users, period, tree):
    _login(client, users.secretary)
    counts = {}
    for rows in SIZES:
        _grow_cell(tree, rows)
        dossier = services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
        # A row just added at each size, so both posts change the same things (and the tallies alike).
        row = dossier.reviews.filter(member__isnull=False).order_by("-pk").first()
        url = reverse("reviews:row", args=[row.pk])
        data = {f"r{row.pk}-task_progress": TaskProgress.EXCEEDED, f"r{row.pk}-score_general": "25"}
        counts[rows] = _count(client.post, url, data, HTTP_HX_REQUEST="true")
    assert counts[5] == counts[60] <= ROW_MAX, counts


def test_grassroots_page_lists_5_or_60_child_cells_with_the_same_queries(client, users, period, tree):
    _login(client, users.officer)
    url = reverse("reviews:dossier", args=[period.pk, tree.school.pk])
    counts = {}
    for cells in SIZES:
        for i in range(Organization.objects.filter(name__startswith="Chi bộ thử").count() + 2, cells):
            make_org(tree.school, OrganizationKind.CELL, f"Chi bộ thử {i}", f"P92-A-S-T{i:03d}")
        client.post(reverse("reviews:dossier_open", args=[period.pk, tree.school.pk]))  # the committee's own
        counts[cells] = _count(client.get, url)
        assert client.get(url).text.count("Chi bộ thử") == cells - 2
    assert counts[5] == counts[60] <= GRID_MAX, counts


def _approve_all(period, tree, users, level: str) -> None:
    """Set-up shortcut: rate every row of Chi bộ 1 in `period` and approve its dossier without the grid."""
    Dossier.objects.filter(period=period).update(status=DossierStatus.DRAFT)  # so new members get their rows
    dossier = services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    dossier.reviews.update(level=level, self_assessed=True)
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.APPROVED)
    tally_rebuild([period.pk])  # the shortcut passes the services' hooks: recount the tallies


@pytest.mark.parametrize(("name", "ceiling"), [("reviews:results", RESULTS_MAX), ("reviews:results_xlsx", XLSX_MAX)])
def test_results_and_export_run_the_same_queries_for_5_and_60_rows(client, users, period, tree, name, ceiling):
    before = services.period_open(actor=users.officer, organization=tree.province, year=period.year - 1)
    _login(client, users.officer)
    url = reverse(name, args=[period.pk])
    counts = {}
    for rows in SIZES:
        _grow_cell(tree, rows)
        # Everybody failed two years running, so the "failed twice" list has one line per member.
        _approve_all(before, tree, users, Level.FAILED)
        _approve_all(period, tree, users, Level.FAILED)
        counts[rows] = _count(client.get, url)
    if name == "reviews:results":
        assert client.get(url).text.count("— Chi bộ Giáo viên 1</li>") == 60
    assert counts[5] == counts[60] <= ceiling, counts
