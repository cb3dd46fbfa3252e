"""Create, edit and move organizations through their pages: who may, and the rules' messages."""

import pytest
from django.urls import reverse

from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.services import organization_update
from xaydungdang.organizations.tests.helpers import client_for, ensure_kind_rules, text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kind_rules(db):
    ensure_kind_rules()


def new_org(**fields):
    return {"code": "P92-A-S-3", "name": "Chi bộ Giáo viên 3", "kind": K.CELL, "sector": "public_service", **fields}


def url(name, org):
    namespace = "reorganize" if name == "move" else "organizations"  # a move is a reorganization's page
    return reverse(f"{namespace}:{name}", args=[org.pk])


# --- who may reach the forms ---------------------------------------------------------------------
@pytest.mark.parametrize("name", ["create", "edit", "move"])
@pytest.mark.parametrize(
    ("who", "org", "status"),
    [
        ("officer", "school", 200),
        ("admin", "school", 200),
        ("leader", "school", 404),  # reads the subtree, writes nothing; no hint the page exists
        ("member", "cell_1", 404),
        ("secretary", "cell_2", 404),
        ("outsider", "school", 404),
        ("nobody", "school", 404),
    ],
)
def test_write_pages_scope(users, tree, name, who, org, status):
    assert client_for(getattr(users, who)).get(url(name, getattr(tree, org))).status_code == status


def test_anonymous_is_sent_to_login_from_write_pages(tree):
    for name in ["create", "edit", "move"]:
        assert client_for(None).get(url(name, tree.school)).url.startswith("/accounts/login/")


def test_secretary_may_edit_their_own_cell(users, tree):
    assert client_for(users.secretary).get(url("edit", tree.cell_1)).status_code == 200


def test_read_only_posts_change_nothing(users, tree):
    response = client_for(users.leader).post(url("create", tree.school), new_org())
    assert response.status_code == 404
    response = client_for(users.leader).post(url("move", tree.village_a), {"new_parent": tree.commune_b.pk})
    assert response.status_code == 404
    assert not Organization.objects.filter(code="P92-A-S-3").exists()
    assert Organization.objects.get_parent(Organization.objects.get(pk=tree.village_a.pk)) == tree.commune_a


# --- create ---------------------------------------------------------------------------------------
def test_officer_creates_a_cell_under_a_grassroots_committee(users, tree):
    response = client_for(users.officer).post(
        url("create", tree.school), new_org(founded_on="15/08/2024", reason="Quyết định 15-QĐ/ĐU")
    )
    child = Organization.objects.get(code="P92-A-S-3")
    assert response.status_code == 302
    assert response.url == reverse("organizations:detail", args=[child.pk])
    assert Organization.objects.get_parent(child) == tree.school
    assert child.founded_on.isoformat() == "2024-08-15"
    assert child.history.first().history_change_reason == "Quyết định 15-QĐ/ĐU"


def test_a_cell_has_no_child_organization(users, tree):
    response = client_for(users.secretary).post(url("create", tree.cell_1), new_org())
    assert response.status_code == 200
    assert "Chi bộ Giáo viên 1 là chi bộ, không có tổ chức đảng trực thuộc." in text(response)
    assert not Organization.objects.filter(code="P92-A-S-3").exists()


def test_a_kind_sits_only_under_the_kinds_kind_rule_allows(users, tree):
    response = client_for(users.officer).post(url("create", tree.school), new_org(kind=K.UPPER_GRASSROOTS))
    page = text(response)
    assert "Đảng bộ cấp trên trực tiếp của tổ chức cơ sở đảng không thể trực thuộc đảng bộ cơ sở." in page
    assert 'id="id_kind"' in page and "is-invalid" in page


def test_create_shows_date_and_uniqueness_errors_on_their_fields(users, tree):
    client = client_for(users.officer)
    page = text(client.post(url("create", tree.school), new_org(founded_on="31/02/2024")))
    assert "Ngày 31/02/2024 không có thật: tháng 2 năm 2024 chỉ có 29 ngày." in page
    page = text(client.post(url("create", tree.school), new_org(founded_on="01/01/2999")))
    assert "Ngày không được ở tương lai." in page
    page = text(client.post(url("create", tree.school), new_org(code="P92-A-S-1")))
    assert "Mã tổ chức đã tồn tại" in page


# --- edit -----------------------------------------------------------------------------------------
def edit_data(org, **changes):
    data = {
        "code": org.code,
        "name": org.name,
        "sector": org.sector,
        "admin_unit_code": "",
        "founded_on": "",
        "founding_decision": "",
        "dissolved_on": "",
        "dissolution_decision": "",
        "reason": "",
    }
    return {**data, **changes}


def test_edit_saves_and_the_history_tab_shows_old_and_new(users, tree):
    client = client_for(users.officer)
    data = edit_data(tree.school, name="Đảng bộ Trường THPT chuyên Lý Tự Trọng", reason="Đổi tên theo QĐ 7-QĐ/UBND")
    response = client.post(url("edit", tree.school), data)
    assert response.status_code == 302
    history = text(client.get(reverse("organizations:detail", args=[tree.school.pk]) + "?tab=history"))
    assert "Tên tổ chức" in history
    assert "Đảng bộ Trường THPT Châu Văn Liêm" in history
    assert "Đảng bộ Trường THPT chuyên Lý Tự Trọng" in history
    assert "Đổi tên theo QĐ 7-QĐ/UBND" in history
    assert "bantochuc" in history


def test_history_shows_choices_by_label_and_dates_as_dd_mm_yyyy(users, tree):
    import datetime as dt

    organization_update(
        actor=users.officer, organization=tree.school, sector="enterprise", founded_on=dt.date(1995, 9, 5)
    )
    history = text(
        client_for(users.leader).get(reverse("organizations:detail", args=[tree.school.pk]) + "?tab=history")
    )
    assert "Lĩnh vực" in history and "Doanh nghiệp" in history and "Khác" in history
    assert "Ngày thành lập" in history and "05/09/1995" in history


def test_edit_refuses_dissolution_before_foundation(users, tree):
    data = edit_data(tree.school, founded_on="01/01/2000", dissolved_on="01/01/1999")
    page = text(client_for(users.officer).post(url("edit", tree.school), data))
    assert "Ngày giải thể phải sau ngày thành lập." in page


# --- move -----------------------------------------------------------------------------------------
def test_move_puts_the_subtree_under_the_new_parent(users, tree, members):
    response = client_for(users.officer).post(url("move", tree.village_a), {"new_parent": tree.commune_b.pk})
    assert response.status_code == 302
    moved = Organization.objects.get(pk=tree.village_a.pk)
    assert Organization.objects.get_parent(moved) == tree.commune_b
    history = text(client_for(users.officer).get(reverse("organizations:detail", args=[moved.pk]) + "?tab=history"))
    assert "Tổ chức cấp trên" in history and "Đảng bộ phường Cái Khế" in history


def test_move_under_a_cell_is_refused_with_the_rule(users, tree):
    response = client_for(users.officer).post(url("move", tree.cell_2), {"new_parent": tree.village_a.pk})
    assert "Chi bộ khu vực 1 là chi bộ, không có tổ chức đảng trực thuộc." in text(response)
    assert Organization.objects.get_parent(Organization.objects.get(pk=tree.cell_2.pk)) == tree.school


def test_move_offers_only_organizations_the_user_may_change(users, tree):
    page = text(client_for(users.outsider).get(url("move", tree.village_b)))
    assert "Đảng bộ phường Ninh Kiều" not in page
    response = client_for(users.outsider).post(url("move", tree.village_b), {"new_parent": tree.commune_a.pk})
    assert response.status_code == 200
    assert Organization.objects.get_parent(Organization.objects.get(pk=tree.village_b.pk)) == tree.commune_b


# --- two editors (issue 16, defect 5) ------------------------------------------------------------------
def test_a_stale_edit_is_refused_with_what_changed_and_the_first_change_kept(users, tree):
    import re

    from xaydungdang.api.tests.clients import client_for as api_client_for
    from xaydungdang.organizations.services import organization_version

    def loaded_version(response) -> str:
        return re.search(r'name="version" value="([0-9a-f]+)"', response.content.decode()).group(1)

    officer, admin = client_for(users.officer), client_for(users.admin)
    first_version, second_version = (
        loaded_version(officer.get(url("edit", tree.school))),
        loaded_version(admin.get(url("edit", tree.school))),
    )
    renamed = edit_data(tree.school, name="Đảng bộ Trường THPT chuyên", reason="QĐ 7", version=first_version)
    assert officer.post(url("edit", tree.school), renamed).status_code == 302
    stale = edit_data(tree.school, founding_decision="QĐ 1-QĐ/TU", version=second_version)
    response = admin.post(url("edit", tree.school), stale)
    assert response.status_code == 200
    page = text(response)
    assert "Hồ sơ đã được người khác sửa sau khi bạn mở để sửa" in page
    assert (
        "Tên tổ chức: người khác đã lưu “Đảng bộ Trường THPT chuyên”, bạn nhập “Đảng bộ Trường THPT Châu Văn Liêm”."
        in page
    )
    school = Organization.objects.get(pk=tree.school.pk)
    assert school.name == "Đảng bộ Trường THPT chuyên" and not school.founding_decision
    assert loaded_version(response) == organization_version(school)  # saving again is deliberate

    api = api_client_for(users.officer)
    read = api.get(f"/api/v1/organizations/{school.pk}/")
    assert read["ETag"] == f'"{organization_version(school)}"'
    answer = api.patch(
        f"/api/v1/organizations/{school.pk}/", {"founding_decision": "QĐ 2-QĐ/TU"}, HTTP_IF_MATCH=f'"{first_version}"'
    )
    assert answer.status_code == 409 and answer.json()["conflicts"][0]["field"] == "name"
