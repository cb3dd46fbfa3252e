import pytest
from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.reviews import services
from xaydungdang.reviews.choices import Level, TaskProgress
from xaydungdang.reviews.tests.conftest import rows_by_name


def _client(client, user):
    if user is not None:
        client.login(username=user.username, password=PASSWORD)
    return client


def _get(client, users, who, url):
    return _client(client, getattr(users, who) if who != "anonymous" else None).get(url)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("nobody", 404),
        ("member", 404),
        ("secretary", 200),
        ("leader", 200),
        ("officer", 200),
        ("outsider", 404),
    ],
)
def test_cell_grid_scope_matrix(client, users, period, tree, who, status):
    response = _get(client, users, who, reverse("reviews:dossier", args=[period.pk, tree.cell_1.pk]))
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]


def test_leader_reads_the_grid_without_inputs_and_cannot_write(client, users, cell_dossier, tree):
    response = _get(client, users, "leader", reverse("reviews:dossier", args=[cell_dossier.period_id, tree.cell_1.pk]))
    assert "Nguyễn Văn Hùng" in response.text and "hx-post" not in response.text
    row = rows_by_name(cell_dossier)["Nguyễn Văn Hùng"]
    assert client.post(reverse("reviews:row", args=[row.pk]), {}).status_code == 404
    assert client.post(reverse("reviews:submit", args=[cell_dossier.pk])).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("nobody", 404), ("secretary", 200), ("leader", 200), ("outsider", 200)]
)
def test_period_page_scope_matrix(client, users, period, who, status):
    # The province's period applies to the whole tree, so the officer of commune B sees it too (not A's dossiers).
    assert _get(client, users, who, reverse("reviews:period", args=[period.pk])).status_code == status


def test_period_of_a_commune_is_hidden_from_the_other_commune(client, users, tree):
    period = services.period_open(actor=users.officer, organization=tree.commune_a, year=2023)
    assert _get(client, users, "outsider", reverse("reviews:period", args=[period.pk])).status_code == 404
    assert _get(client, users, "secretary", reverse("reviews:period", args=[period.pk])).status_code == 200


def test_period_list_query_count_is_constant(client, users, tree, django_assert_max_num_queries):
    for year in range(2015, 2024):
        services.period_open(actor=users.officer, organization=tree.province, year=year)
    _client(client, users.secretary)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reviews:periods"))
    assert response.status_code == 200 and "2015" in response.text


def test_officer_opens_a_period_from_the_page(client, users, tree):
    _client(client, users.officer)
    response = client.post(
        reverse("reviews:period_create"),
        {"organization": tree.province.pk, "kind": "year", "year": "2022", "deadline_cell": "10/12/2022"},
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("reviews:period_create"), {"organization": tree.province.pk, "kind": "year", "year": "2022"}
    )
    assert bad.status_code == 400 and "trùng phạm vi và thời gian" in bad.text


def test_secretary_sees_no_open_form_and_cannot_post_one(client, users, tree):
    _client(client, users.secretary)
    assert "Mở kỳ đánh giá mới" not in client.get(reverse("reviews:periods")).text
    response = client.post(
        reverse("reviews:period_create"), {"organization": tree.province.pk, "kind": "year", "year": "2022"}
    )
    assert response.status_code == 400  # the province is not a choice for them


def test_row_post_saves_and_answers_with_quota_and_violations(client, users, cell_dossier):
    row = rows_by_name(cell_dossier)["Nguyễn Văn Hùng"]
    _client(client, users.secretary)
    p = f"r{row.pk}-"
    data = {
        p + "score_general": "29",
        p + "score_results": "65",
        p + "task_progress": TaskProgress.EXCEEDED,
        p + "shortcomings_fixed": "on",
        p + "self_assessed": "on",
    }
    response = client.post(reverse("reviews:row", args=[row.pk]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="total-{row.pk}"' in response.text and "94" in response.text
    assert 'id="quota-panel"' in response.text and "vượt quá 0" in response.text
    row.refresh_from_db()
    assert (row.level, row.self_assessed) == (Level.EXCELLENT, True)


def test_row_post_with_bad_score_shows_the_error_without_saving(client, users, cell_dossier):
    row = rows_by_name(cell_dossier)["Nguyễn Văn Hùng"]
    _client(client, users.secretary)
    p = f"r{row.pk}-"
    response = client.post(
        reverse("reviews:row", args=[row.pk]), {p + "score_general": "45", p + "task_progress": "on_time"}
    )
    assert "phải từ 0 đến 30" in response.text
    row.refresh_from_db()
    assert row.score is None


def test_submit_with_violation_shows_messages(client, users, cell_dossier):
    _client(client, users.secretary)
    response = client.post(reverse("reviews:submit", args=[cell_dossier.pk]), follow=True)
    assert "chưa xếp loại" in response.text
    cell_dossier.refresh_from_db()
    assert cell_dossier.status == "draft"


def _approved(cell_dossier, users, tree):
    rows = rows_by_name(cell_dossier)
    for name in ("Nguyễn Văn Hùng", "Trần Thị Lan", str(tree.cell_1)):
        services.review_update(
            actor=users.secretary, review=rows[name], chosen_level=Level.GOOD, self_assessed=name != "Trần Thị Lan"
        )
    services.dossier_submit(actor=users.secretary, dossier=cell_dossier)
    services.dossier_approve(actor=users.officer, dossier=cell_dossier)


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("nobody", 404), ("member", 404), ("leader", 200), ("officer", 200)]
)
def test_results_scope_matrix(client, users, period, who, status):
    assert _get(client, users, who, reverse("reviews:results", args=[period.pk])).status_code == status


def test_results_show_vietnamese_rates(client, users, cell_dossier, tree):
    _approved(cell_dossier, users, tree)
    response = _get(client, users, "leader", reverse("reviews:results", args=[cell_dossier.period_id]))
    assert "100%" in response.text  # 2 of 2 members rated good
    assert "50%" in response.text  # self-review 1 of 2
    out_of_scope = reverse("reviews:results", args=[cell_dossier.period_id]) + f"?org={tree.commune_b.pk}"
    assert client.get(out_of_scope).status_code == 404


def test_results_xlsx_is_a_workbook_and_is_logged(client, users, cell_dossier, tree):
    from io import BytesIO

    from openpyxl import load_workbook

    from xaydungdang.access.models import AccessLog

    _approved(cell_dossier, users, tree)
    response = _get(client, users, "officer", reverse("reviews:results_xlsx", args=[cell_dossier.period_id]))
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["Đảng viên", "Tổ chức đảng", "So sánh các kỳ", "KHT 2 năm liền"]
    assert ["Hoàn thành tốt nhiệm vụ", 2, 100.0] in [list(r) for r in workbook["Đảng viên"].iter_rows(values_only=True)]
    assert AccessLog.objects.filter(user=users.officer, kind="export").exists()


def test_lock_page_action_is_only_for_owner_officers(client, users, period):
    _client(client, users.secretary)
    assert client.post(reverse("reviews:period_lock", args=[period.pk])).status_code == 404
    _client(client, users.officer)
    client.post(reverse("reviews:period_lock", args=[period.pk]))
    response = client.post(reverse("reviews:period_reopen", args=[period.pk]), {"reason": ""}, follow=True)
    assert "Phải ghi lý do mở lại kỳ đánh giá đã khóa." in response.text


def _submitted(cell_dossier, users, tree):
    rows = rows_by_name(cell_dossier)
    for name in ("Nguyễn Văn Hùng", "Trần Thị Lan", str(tree.cell_1)):
        services.review_update(actor=users.secretary, review=rows[name], chosen_level=Level.GOOD)
    services.dossier_submit(actor=users.secretary, dossier=cell_dossier)
    return rows


def test_approver_sees_override_forms_on_a_submitted_dossier_and_the_cell_does_not(client, users, cell_dossier, tree):
    rows = _submitted(cell_dossier, users, tree)
    url = reverse("reviews:dossier", args=[cell_dossier.period_id, tree.cell_1.pk])
    lan = rows["Trần Thị Lan"]
    assert f'id="override-{lan.pk}"' in _get(client, users, "officer", url).text
    client.logout()
    assert "override-" not in _get(client, users, "secretary", url).text


def test_approver_overrides_a_level_from_the_grid(client, users, cell_dossier, tree):
    lan = _submitted(cell_dossier, users, tree)["Trần Thị Lan"]
    _client(client, users.officer)
    url = reverse("reviews:override", args=[lan.pk])
    response = client.post(url, {"level": Level.COMPLETED, "reason": ""}, follow=True)
    assert "Phải ghi lý do khi cấp trên điều chỉnh mức xếp loại." in response.text
    response = client.post(url, {"level": Level.COMPLETED, "reason": "Chưa đạt chỉ tiêu"}, follow=True)
    assert "Đã điều chỉnh mức xếp loại của Trần Thị Lan." in response.text
    assert "Cấp trên điều chỉnh: Chưa đạt chỉ tiêu" in response.text
    lan.refresh_from_db()
    assert (lan.level, lan.override_reason) == (Level.COMPLETED, "Chưa đạt chỉ tiêu")


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("nobody", 404), ("secretary", 404), ("outsider", 404)]
)
def test_override_scope_matrix(client, users, cell_dossier, tree, who, status):
    lan = _submitted(cell_dossier, users, tree)["Trần Thị Lan"]
    user = getattr(users, who) if who != "anonymous" else None
    response = _client(client, user).post(
        reverse("reviews:override", args=[lan.pk]), {"level": Level.COMPLETED, "reason": "Thử"}
    )
    assert response.status_code == status
    lan.refresh_from_db()
    assert (lan.level, lan.override_reason) == (Level.GOOD, "")


def _row_counts() -> tuple[int, ...]:
    from xaydungdang.reviews.models import Dossier, Review

    return (
        Dossier.objects.count(),
        Review.objects.count(),
        Dossier.history.count(),
        Review.history.count(),
    )


def test_opening_the_grid_page_writes_nothing(client, users, period, tree):
    """Defect 4 of issue 9: a GET used to create the dossier and its rows. Reads never write."""
    before = _row_counts()
    url = reverse("reviews:dossier", args=[period.pk, tree.cell_1.pk])
    response = _get(client, users, "secretary", url)
    assert response.status_code == 200
    assert _row_counts() == before
    assert reverse("reviews:dossier_open", args=[period.pk, tree.cell_1.pk]) in response.text


def test_a_new_member_on_an_open_dossier_is_added_only_by_the_post(client, users, cell_dossier, tree):
    from xaydungdang.members.tests.factories import MemberFactory

    url = reverse("reviews:dossier", args=[cell_dossier.period_id, tree.cell_1.pk])
    newcomer = MemberFactory(organization=tree.cell_1, full_name="Võ Văn Mới")
    before = _row_counts()
    response = _get(client, users, "secretary", url)
    assert _row_counts() == before and "Võ Văn Mới" not in response.text
    assert "Bổ sung" in response.text  # the page says someone is missing and offers the POST
    response = client.post(reverse("reviews:dossier_open", args=[cell_dossier.period_id, tree.cell_1.pk]))
    assert response.status_code == 302 and response["Location"] == url
    assert cell_dossier.reviews.filter(member=newcomer).exists()


def test_opening_a_dossier_is_refused_to_a_leader_as_404(client, users, period, tree):
    _client(client, users.leader)
    response = client.post(reverse("reviews:dossier_open", args=[period.pk, tree.cell_1.pk]))
    assert response.status_code == 404
    from xaydungdang.reviews.models import Dossier

    assert not Dossier.objects.exists()


def test_opening_a_dossier_needs_a_post(client, users, period, tree):
    _client(client, users.secretary)
    assert client.get(reverse("reviews:dossier_open", args=[period.pk, tree.cell_1.pk])).status_code == 405


def _decide(users, period, organization, levels: dict) -> None:
    """Open, fill (`levels` by subject name; the rest "completed"), submit and approve a dossier."""
    dossier = services.dossier_open(actor=users.officer, period=period, organization=organization)
    for name, row in rows_by_name(dossier).items():
        level = levels.get(name, Level.COMPLETED)
        services.review_update(actor=users.officer, review=row, chosen_level=level, self_assessed=True)
    services.dossier_submit(actor=users.officer, dossier=dossier)
    services.dossier_approve(actor=users.officer, dossier=dossier)


def test_results_combine_grassroots_organizations_and_give_the_good_or_better_rate(client, users, period, tree):
    from io import BytesIO

    from openpyxl import load_workbook

    from xaydungdang.reviews import selectors

    _decide(users, period, tree.school, {str(tree.school): Level.GOOD})  # đảng bộ cơ sở
    _decide(users, period, tree.village_a, {str(tree.village_a): Level.GOOD, "Lê Văn Nam": Level.GOOD})  # chi bộ cơ sở
    _decide(users, period, tree.village_b, {str(tree.village_b): Level.COMPLETED})  # chi bộ cơ sở
    groups = {g.label: g for g in selectors.organization_results(period, tree.province)}
    combined = groups[str(selectors.GRASSROOTS)]
    assert combined.rated == 3 and combined.good_or_better == 2 and str(combined.good_or_better_rate) == "66.67"
    assert groups["Đảng bộ cơ sở"].rated == 1 and groups["Chi bộ cơ sở"].rated == 2
    members = selectors.member_results(period, tree.province)
    assert members.good_or_better == 1 and members.rated == 2  # Nam good, Tuấn completed

    page = _get(client, users, "officer", reverse("reviews:results", args=[period.pk])).text
    assert "Tổ chức cơ sở đảng (đảng bộ cơ sở và chi bộ cơ sở)" in page and "3 tổ chức" in page
    assert "Hoàn thành tốt nhiệm vụ trở lên" in page and "66,7%" in page and "50%" in page  # one decimal
    workbook = load_workbook(BytesIO(client.get(reverse("reviews:results_xlsx", args=[period.pk])).content))
    org_rows = [list(r) for r in workbook["Tổ chức đảng"].iter_rows(values_only=True)]
    assert [str(selectors.GRASSROOTS), "Hoàn thành tốt nhiệm vụ trở lên", 2, 66.67] in org_rows
    member_rows = [list(r) for r in workbook["Đảng viên"].iter_rows(values_only=True)]
    assert ["Hoàn thành tốt nhiệm vụ trở lên", 1, 50.0] in member_rows
