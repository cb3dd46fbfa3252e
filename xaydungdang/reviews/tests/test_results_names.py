"""The results page lists at most FAILED_SHOWN names of members failed two years running and says how many
more there are (a root at national size has thousands); its .xlsx holds every one."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from conftest import PASSWORD
from xaydungdang.reviews import selectors, views_results
from xaydungdang.reviews.models import Review


def _every_member_row(period, organization):
    """Every member row of the period (real rows of the database), standing in for the failed ones."""
    return Review.objects.of_members().filter(period=period).select_related("member", "dossier__organization")


def test_the_page_names_the_first_and_counts_the_rest_the_xlsx_has_all(
    client, monkeypatch, period, cell_dossier, users, tree
):
    monkeypatch.setattr(views_results, "FAILED_SHOWN", 1)
    monkeypatch.setattr(
        selectors, "failed_two_years", lambda p, o: _every_member_row(p, o).order_by("member__sort_name")
    )
    names = sorted(_every_member_row(period, tree.province).values_list("member__full_name", flat=True))
    assert len(names) >= 2
    client.login(username=users.officer.username, password=PASSWORD)
    page = client.get(reverse("reviews:results", args=[period.pk]), {"org": tree.province.pk})
    listed = page.context["failed_twice"]
    assert len(listed) == 1 and page.context["failed_more"] == len(names) - 1
    assert f"và {len(names) - 1} đảng viên khác" in page.content.decode()
    sheet = client.get(reverse("reviews:results_xlsx", args=[period.pk]), {"org": tree.province.pk})
    cells = {c.value for ws in load_workbook(io.BytesIO(sheet.content)) for row in ws.iter_rows() for c in row}
    assert set(names) <= cells
