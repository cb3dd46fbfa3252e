"""Việc cần làm at a province's scale: a few rows per section, one section paged, narrowed, exported."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from xaydungdang.members.choices import MemberStatus
from xaydungdang.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
ON = "01/06/2025"


@pytest.fixture
def probationers(tree, users):
    """40 probationary members whose year ended in spring 2025: 30 in Chi bộ 1, 10 in Chi bộ khu vực 2."""
    made = []
    for index in range(40):
        organization = tree.cell_1 if index < 30 else tree.village_b
        made.append(
            MemberFactory(
                organization=organization,
                full_name=f"Nguyễn Văn Dự {index:02d}",
                status=MemberStatus.PROBATIONARY,
                admission_decision_date=dt.date(2024, 4, 1),
                admission_date=dt.date(2024, 4, 10),
                official_date=None,
            )
        )
    return made


def _page(client, organization, **params):
    response = client.get(reverse("duework:organization", args=[organization.pk]), {"on": ON, **params})
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, key: str) -> str:
    start = page.find(f'data-due-section="{key}"')
    return page[start : page.find("</section>", start)] if start >= 0 else ""


def test_the_overview_shows_a_few_rows_of_each_section_and_links_to_all(client, tree, users, probationers):
    client.force_login(users.officer)
    page = _page(client, tree.province)
    probation = _section(page, "probation")
    assert probation.count("Nguyễn Văn Dự") == 5
    assert max(_section(page, key).count("Nguyễn Văn Dự") for key in ("training_new_member", "missing")) <= 5
    assert "Xem tất cả 40 mục" in probation and "kind=probation" in probation
    # The action at hand: record the recognition from the list.
    assert reverse("lifecycle:event_create", args=[probationers[0].pk, "recognized_official"]) in page


def test_one_section_is_paged(client, tree, users, probationers):
    client.force_login(users.officer)
    first = _page(client, tree.province, kind="probation")
    second = _page(client, tree.province, kind="probation", page=2)
    assert first.count("Nguyễn Văn Dự") == 25 and second.count("Nguyễn Văn Dự") == 15
    assert "Trang 1/2" in first and 'data-due-section="badges"' not in first


def test_the_organization_filter_opens_the_unit_below(client, tree, users, probationers):
    client.force_login(users.officer)
    response = client.get(
        reverse("duework:organization", args=[tree.province.pk]),
        {"on": ON, "kind": "probation", "org": tree.commune_b.pk},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("duework:organization", args=[tree.commune_b.pk]))
    assert "kind=probation" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert page.count("Nguyễn Văn Dự") == 10


def test_a_unit_outside_the_scope_is_not_found(client, tree, users, probationers):
    client.force_login(users.outsider)
    response = client.get(reverse("duework:organization", args=[tree.commune_b.pk]), {"org": tree.cell_1.pk})
    assert response.status_code == 404


def test_the_list_is_exported_as_xlsx(client, tree, users, probationers):
    client.force_login(users.officer)
    response = client.get(
        reverse("duework:organization", args=[tree.province.pk]), {"on": ON, "kind": "probation", "format": "xlsx"}
    )
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]
    assert len(rows) == 40 and all(row[1].startswith("Nguyễn Văn Dự") for row in rows)
    assert isinstance(rows[0][4], dt.datetime)  # the deadline stays a date
    assert sheet.freeze_panes == "A4"
