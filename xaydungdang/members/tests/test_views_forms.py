"""Registering and correcting members through the pages: who may, and every rule's message on its field."""

import pytest
from django.urls import reverse

from xaydungdang.members.models import Member, MembershipEvent
from xaydungdang.organizations.tests.helpers import client_for, text

pytestmark = pytest.mark.django_db
CREATE = reverse("members:create")


def new_member(org, **fields):
    data = {
        "organization": org.pk,
        "full_name": "  Võ   Thị Sáu ",
        "gender": "female",
        "birth_date": "12/03/1990",
        "ethnicity": "01",
        "religion": "none",
        "national_id": "092190001234",
        "hometown": "Cần Thơ",
        "address": "",
        "phone": "",
        "admission_decision_date": "02/09/2015",
        "admission_date": "10/09/2015",
        "official_date": "10/09/2016",
        "decision_number": "123-QĐ/ĐU",
        "party_card_number": "",
        "record_number": "",
        "education_level": "upper_secondary",
        "qualification": "bachelor",
        "theory_level": "intermediate",
        "occupation": "public_employee",
    }
    return {**data, **fields}


def edit_data(member, **changes):
    fields = [
        "full_name", "gender", "ethnicity", "religion", "hometown", "address", "phone", "party_card_number",
        "education_level", "qualification", "theory_level", "occupation",
    ]  # fmt: skip
    data = {name: getattr(member, name) or "" for name in fields}
    data["national_id"] = member.national_id or ""
    data["record_number"] = member.record_number or ""
    for name in ("birth_date", "admission_decision_date", "admission_date", "official_date"):
        value = getattr(member, name)
        data[name] = value.strftime("%d/%m/%Y") if value else ""
    return {**data, "reason": "", **changes}


# --- who may ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("who", "status"),
    [("officer", 200), ("secretary", 200), ("leader", 404), ("member", 404), ("nobody", 404)],
)
def test_create_page_scope(users, tree, who, status):
    assert client_for(getattr(users, who)).get(CREATE).status_code == status


@pytest.mark.parametrize(
    ("who", "org", "status"),
    [
        ("secretary", "cell_1", 200),
        ("secretary", "cell_2", 404),
        ("outsider", "cell_1", 404),
        ("officer", "cell_2", 200),
    ],
)
def test_create_for_a_given_cell_scope(users, tree, who, org, status):
    response = client_for(getattr(users, who)).get(CREATE, {"org": getattr(tree, org).pk})
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "member", "status"),
    [
        ("officer", "tuan", 200),
        ("secretary", "lan", 200),
        ("secretary", "hoa", 404),
        ("leader", "hung", 404),
        ("member", "hung", 404),  # a member reads their record, corrections go through the secretary
        ("outsider", "hung", 404),
    ],
)
def test_edit_page_scope(users, members, who, member, status):
    url = reverse("members:edit", args=[getattr(members, member).pk])
    assert client_for(getattr(users, who)).get(url).status_code == status


def test_anonymous_is_sent_to_login(members):
    for url in [CREATE, reverse("members:edit", args=[members.hung.pk])]:
        assert client_for(None).get(url).url.startswith("/accounts/login/")


# --- create ------------------------------------------------------------------------------------------
def test_secretary_registers_a_member_in_their_cell(users, tree):
    response = client_for(users.secretary).post(CREATE + f"?org={tree.cell_1.pk}", new_member(tree.cell_1))
    member = Member.objects.get(national_id="092190001234")
    assert response.status_code == 302 and response.url == reverse("members:detail", args=[member.pk])
    assert member.full_name == "Võ Thị Sáu"
    assert member.status == "official" and member.organization == tree.cell_1
    assert list(member.events.values_list("kind", flat=True)) == ["admitted", "recognized_official"]
    assert member.events.first().decision_number == "123-QĐ/ĐU"


def test_secretary_cannot_register_into_another_cell(users, tree):
    response = client_for(users.secretary).post(CREATE, new_member(tree.cell_2))
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in text(response)
    assert not Member.objects.filter(national_id="092190001234").exists()


def test_create_offers_only_cells(users, tree):
    response = client_for(users.officer).post(CREATE, new_member(tree.school))
    assert "Hãy chọn một lựa chọn hợp lệ" in text(response)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"national_id": "092090001234"},
            "national_id",
            "Số CCCD: chữ số thứ 4 (0) là mã của nam, không khớp với giới tính đã nhập.",
        ),
        ({"national_id": "999190001234"}, "national_id", "ba chữ số đầu (999) không phải mã tỉnh"),
        ({"national_id": "092191001234"}, "national_id", "chữ số thứ 5–6 (91) phải là hai số cuối của năm sinh (1990)"),
        ({"national_id": "09219000123"}, "national_id", "Số CCCD phải gồm đúng 12 chữ số."),
        ({"birth_date": "12/03/2000", "national_id": ""}, "admission_decision_date", "chưa đủ 18 tuổi"),
        ({"official_date": "01/09/2015"}, "official_date", "Ngày chính thức phải sau ngày vào Đảng."),
        ({"admission_date": "10/09/2099", "official_date": ""}, "admission_date", "Ngày không được ở tương lai."),
        ({"birth_date": "31/02/1990"}, "birth_date", "Ngày 31/02/1990 không có thật: tháng 2 năm 1990 chỉ có 28 ngày."),
        ({"birth_date": "1990-02-xx"}, "birth_date", "Nhập ngày theo dạng dd/mm/yyyy."),
        (
            {"birth_date": "12/03/2099", "national_id": ""},
            "birth_date",
            "Ngày không được ở tương lai.",
        ),
        ({"full_name": ""}, "full_name", "Trường này là bắt buộc."),
    ],
)
def test_create_shows_each_rule_on_its_field(users, tree, changes, field, message):
    response = client_for(users.officer).post(CREATE, new_member(tree.cell_1, **changes))
    page = text(response)
    assert response.status_code == 200
    assert message in page
    # The message sits right after its own field.
    assert page.index(f'id="id_{field}"') < page.index(message)
    assert not Member.objects.filter(full_name="Võ Thị Sáu").exists()


# --- edit --------------------------------------------------------------------------------------------
def test_edit_requires_a_reason(users, members):
    url = reverse("members:edit", args=[members.hung.pk])
    response = client_for(users.secretary).post(url, edit_data(members.hung, hometown="Phong Điền"))
    assert "Phải ghi lý do đính chính hồ sơ đảng viên." in text(response)
    assert Member.objects.get(pk=members.hung.pk).hometown == ""


def test_edit_saves_with_the_reason_and_shows_it_in_the_history(users, members):
    client = client_for(users.secretary)
    url = reverse("members:edit", args=[members.hung.pk])
    data = edit_data(members.hung, hometown="Phong Điền", theory_level="advanced", reason="Theo lý lịch gốc")
    response = client.post(url, data)
    assert response.status_code == 302
    member = Member.objects.get(pk=members.hung.pk)
    assert member.hometown == "Phong Điền"
    assert MembershipEvent.objects.filter(member=member, kind="data_corrected", reason="Theo lý lịch gốc").exists()
    page = text(client.get(reverse("members:detail", args=[member.pk])))
    assert "Theo lý lịch gốc" in page
    assert "Quê quán" in page and "Phong Điền" in page
    assert "Lý luận chính trị" in page and "Cao cấp" in page


def test_edit_refuses_an_inconsistent_national_id(users, members):
    url = reverse("members:edit", args=[members.hung.pk])
    data = edit_data(members.hung, gender="female", reason="Sửa giới tính")
    page = text(client_for(users.officer).post(url, data))
    assert "Số CCCD: chữ số thứ 4 (0) là mã của nam, không khớp với giới tính đã nhập." in page
    assert Member.objects.get(pk=members.hung.pk).gender == "male"


def test_edit_refuses_future_dates_and_official_before_admission(users, members):
    url = reverse("members:edit", args=[members.hung.pk])
    client = client_for(users.officer)
    page = text(client.post(url, edit_data(members.hung, official_date="01/01/2099", reason="x")))
    assert "Ngày không được ở tương lai." in page
    page = text(client.post(url, edit_data(members.hung, official_date="01/01/2010", reason="x")))
    assert "Ngày chính thức phải sau ngày vào Đảng." in page


def test_read_only_users_cannot_post_an_edit(users, members):
    url = reverse("members:edit", args=[members.hung.pk])
    data = edit_data(members.hung, hometown="Phong Điền", reason="Thử")
    assert client_for(users.leader).post(url, data).status_code == 404
    assert client_for(users.member).post(url, data).status_code == 404
    assert Member.objects.get(pk=members.hung.pk).hometown == ""


def test_a_birth_date_in_the_future_gives_no_negative_age(users, tree):
    page = text(
        client_for(users.officer).post(CREATE, new_member(tree.cell_1, birth_date="12/03/2099", national_id=""))
    )
    assert "ở tương lai" in page and "Tuổi khi kết nạp (-" not in page


def test_a_name_is_stored_in_title_case_with_a_warning(users, tree):
    client = client_for(users.officer)
    response = client.post(CREATE, new_member(tree.cell_1, full_name="võ THỊ sáu"), follow=True)
    member = Member.objects.get(full_name="Võ Thị Sáu")
    assert "“võ THỊ sáu” → “Võ Thị Sáu”" in text(response)
    # Creating a record writes one history entry (the creation), not two.
    assert list(member.history.values_list("history_type", flat=True)) == ["+"]


def test_a_name_typed_right_has_no_warning(users, tree):
    response = client_for(users.officer).post(CREATE, new_member(tree.cell_1), follow=True)
    assert "đã được viết lại" not in text(response)
    assert Member.objects.get(full_name="Võ Thị Sáu").history.count() == 1
