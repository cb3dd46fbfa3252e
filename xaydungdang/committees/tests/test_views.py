import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from xaydungdang.access.policy import SYSTEM
from xaydungdang.committees import planning
from xaydungdang.committees.choices import AppointmentKind
from xaydungdang.committees.models import Holding
from xaydungdang.committees.tests.factories import post, term_with
from xaydungdang.members.choices import Gender, Qualification, TheoryLevel
from xaydungdang.members.tests.factories import MemberFactory

D = dt.date


@pytest.fixture
def committees(tree, members):
    """Two terms of Chi bộ 1 (Hùng re-elected), the school's committee, one in commune B (out of scope for A)."""
    term_with(tree.cell_1, starts_on=D(2020, 9, 1), posts=[(members.hung, "bi-thu"), (members.lan, "chi-uy-vien")])
    term_with(tree.cell_1, starts_on=D(2025, 8, 1), posts=[(members.hung, "bi-thu"), (members.lan, "pho-bi-thu")])
    mai = MemberFactory(
        organization=tree.cell_2, full_name="Võ Thị Mai", birth_date=D(1990, 1, 1), ethnicity="05",
        qualification=Qualification.MASTER, theory_level=TheoryLevel.ADVANCED,
    )  # fmt: skip
    term_with(
        tree.school,
        starts_on=D(2025, 6, 1),
        posts=[(mai, "bi-thu"), (members.hung, "cap-uy-vien"), (mai, "cap-uy-vien")],
    )
    term_with(tree.village_b, starts_on=D(2025, 6, 1), posts=[(members.tuan, "bi-thu")])
    return mai


def test_organization_tab_shows_the_committee_on_a_date(client, users, tree, committees):
    client.force_login(users.officer)
    url = f"/committees/orgs/{tree.cell_1.pk}/committee/"
    today = client.get(url).content.decode()
    assert "Phó Bí thư" in today and "2025–2030" in today and "2020–2025" in today
    past = client.get(url, {"on": "01/01/2022"}).content.decode()
    assert "Chi ủy viên" in past and "Phó Bí thư" not in past
    assert client.get(url, {"on": "32/13/2022"}).status_code == 400


def test_tabs_are_scoped(client, users, tree, committees, members):
    client.force_login(users.outsider)
    assert client.get(f"/committees/orgs/{tree.cell_1.pk}/committee/").status_code == 404
    assert client.get(f"/committees/members/{members.hung.pk}/posts/").status_code == 404
    client.force_login(users.officer)
    page = client.get(f"/committees/members/{members.hung.pk}/posts/").content.decode()
    assert page.count("Bí thư") == 2 and "Cấp ủy viên" in page and "Hết nhiệm kỳ" in page


def test_the_tabs_appear_on_the_pages(client, users, tree, members):
    client.force_login(users.officer)
    assert "Cấp ủy" in client.get(f"/orgs/{tree.cell_1.pk}/").content.decode()
    assert "Chức vụ" in client.get(f"/members/{members.hung.pk}/").content.decode()


def _raw_counts(organization, day):
    """The structure figures counted straight from the rows, to check the table against."""
    rows = {}
    for holding in Holding.objects.filter(term__organization__path__startswith=organization.path).on(day):
        row = rows.setdefault(holding.post_kind.name, {"count": 0, "women": 0, "minority": 0, "master": 0})
        row["count"] += 1
        row["women"] += holding.member.gender == Gender.FEMALE
        row["minority"] += holding.member.ethnicity != "01"
        row["master"] += holding.member.qualification in ("master", "doctor")
    return rows


def test_structure_table_matches_raw_counts_on_page_and_xlsx(client, users, tree, committees):
    day = D(2025, 9, 1)
    client.force_login(users.leader)
    response = client.get(f"/committees/orgs/{tree.commune_a.pk}/structure/", {"on": "01/09/2025"})
    assert response.status_code == 200
    table = {row.post_kind.name: row for row in response.context["rows"]}
    raw = _raw_counts(tree.commune_a, day)
    assert set(table) == set(raw) == {"Bí thư", "Phó Bí thư", "Cấp ủy viên"}
    for name, counts in raw.items():
        row = table[name]
        assert (row.count, row.women, row.minority, row.postgraduate) == tuple(counts.values())
        assert sum(row.bands) == row.count
    assert table["Bí thư"].reelected == 1  # Hùng, secretary of Chi bộ 1 in the term before
    assert "Chi bộ khu vực 2" not in response.content.decode()  # commune B is not in the subtree
    xlsx = client.get(f"/committees/orgs/{tree.commune_a.pk}/structure.xlsx", {"on": "01/09/2025"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    header = values[2]
    assert header[0] == "Chức vụ" and header[-1] == "Tái cử"
    by_name = {r[0]: r for r in values[3:]}
    assert by_name["Bí thư"][1:3] == (raw["Bí thư"]["count"], raw["Bí thư"]["women"])
    assert by_name["Cấp ủy viên"][1] == raw["Cấp ủy viên"]["count"]


def test_structure_is_refused_outside_the_subtree(client, users, tree, committees):
    client.force_login(users.outsider)
    assert client.get(f"/committees/orgs/{tree.commune_a.pk}/structure/").status_code == 404
    assert client.get(f"/committees/orgs/{tree.commune_a.pk}/structure.xlsx").status_code == 404
    client.force_login(users.member)
    assert client.get(f"/committees/orgs/{tree.cell_1.pk}/structure/").status_code == 404


def test_appointment_decision_docx(client, users, tree, members):
    from docx import Document

    plan = planning.plan_create(actor=SYSTEM, organization=tree.school, start_year=2025, end_year=2030)
    planning.plan_entry_add(
        actor=SYSTEM, plan=plan, member=members.hoa, post_kind=post("pho-bi-thu"), added_on=D(2025, 1, 2)
    )
    appointment = planning.appointment_propose(
        actor=SYSTEM, organization=tree.school, member=members.hoa, post_kind=post("pho-bi-thu"),
        kind=AppointmentKind.APPOINTMENT, proposed_on=D(2025, 2, 1),
    )  # fmt: skip
    planning.appointment_decide(
        actor=SYSTEM, appointment=appointment, effective_on=D(2025, 3, 1), decision_number="15-QĐ/ĐU"
    )
    client.force_login(users.officer)
    response = client.get(f"/committees/appointments/{appointment.pk}/decision.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Bổ nhiệm đồng chí Đặng Thị Hoa" in text and "Phó Bí thư" in text and "01/03/2025" in text
    assert "QUYẾT ĐỊNH" in text
    client.force_login(users.outsider)
    assert client.get(f"/committees/appointments/{appointment.pk}/decision.docx").status_code == 404
