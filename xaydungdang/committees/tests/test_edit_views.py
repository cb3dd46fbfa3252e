import datetime as dt

from xaydungdang.access.policy import SYSTEM
from xaydungdang.committees import planning
from xaydungdang.committees.models import Holding, PlanEntry, Term
from xaydungdang.committees.tests.factories import post, term_with
from xaydungdang.duework.registry import items_of
from xaydungdang.members.tests.factories import MemberFactory

D = dt.date


def test_officer_opens_a_term_and_adds_a_post_on_the_pages(client, users, tree, members):
    client.force_login(users.officer)
    response = client.post(
        f"/committees/orgs/{tree.cell_1.pk}/terms/new/",
        {
            "starts_on": "01/08/2025",
            "origin": "congress",
            "congress_date": "01/08/2025",
            "congress_kind": "all_members",
        },
    )
    assert response.status_code == 302
    term = Term.objects.get(organization=tree.cell_1)
    secretary = post("bi-thu")
    data = {"member": members.hung.pk, "post_kind": secretary.pk, "started_on": "01/08/2025", "obtained_by": "elected"}
    assert client.post(f"/committees/terms/{term.pk}/posts/new/", data).status_code == 302
    again = client.post(f"/committees/terms/{term.pk}/posts/new/", data)
    assert again.status_code == 200 and "đang giữ chức vụ «Bí thư» trong nhiệm kỳ này" in again.content.decode()
    holding = Holding.objects.get()
    ended = client.post(f"/committees/posts/{holding.pk}/end/", {"ended_on": "01/07/2025", "reason": "transfer"})
    assert "không được trước ngày bắt đầu (01/08/2025)" in ended.content.decode()
    assert (
        client.post(
            f"/committees/posts/{holding.pk}/end/", {"ended_on": "01/09/2025", "reason": "transfer"}
        ).status_code
        == 302
    )
    holding.refresh_from_db()
    assert holding.ended_on == D(2025, 9, 1)


def test_appointed_term_without_decision_shows_the_rule_on_the_form(client, users, tree):
    client.force_login(users.officer)
    response = client.post(
        f"/committees/orgs/{tree.cell_1.pk}/terms/new/", {"starts_on": "01/08/2025", "origin": "appointed"}
    )
    assert "Phải ghi số quyết định chỉ định của cấp ủy cấp trên." in response.content.decode()
    assert Term.objects.count() == 0


def test_write_pages_are_404_out_of_scope_and_for_readers(client, users, tree, members):
    term = term_with(tree.cell_1, posts=[(members.hung, "bi-thu")])
    holding = Holding.objects.get()
    for user in (users.outsider, users.leader):
        client.force_login(user)
        assert client.get(f"/committees/orgs/{tree.cell_1.pk}/terms/new/").status_code == 404
        assert client.get(f"/committees/terms/{term.pk}/posts/new/").status_code == 404
        assert (
            client.post(
                f"/committees/posts/{holding.pk}/end/", {"ended_on": "01/09/2021", "reason": "transfer"}
            ).status_code
            == 404
        )
    assert Holding.objects.get().ended_on is None
    client.force_login(users.leader)
    tab = client.get(f"/committees/orgs/{tree.cell_1.pk}/committee/").content.decode()
    assert "Bổ sung chức vụ" not in tab and "Thôi giữ chức vụ" not in tab


def test_plans_page_shows_age_bands_and_adds_with_the_rules(client, users, tree, members):
    plan = planning.plan_create(actor=SYSTEM, organization=tree.school, start_year=2025, end_year=2030)
    young = MemberFactory(organization=tree.cell_1, full_name="Võ Thị Mai", birth_date=D(1995, 1, 1))
    planning.plan_entry_add(actor=SYSTEM, plan=plan, member=young, post_kind=post("bi-thu"), added_on=D(2025, 1, 2))
    client.force_login(users.officer)
    page = client.get(f"/committees/orgs/{tree.school.pk}/plans/")
    bands = page.context["sections"][0]["bands"]
    assert [n for _label, n in bands] == [1, 0, 0] and "Võ Thị Mai" in page.content.decode()
    for person in (members.hung, members.lan):
        data = {"member": person.pk, "post_kind": post("bi-thu").pk, "added_on": "02/01/2025"}
        assert client.post(f"/committees/orgs/{tree.school.pk}/plans/", data).status_code == 302
    data = {"member": members.hoa.pk, "post_kind": post("bi-thu").pk, "added_on": "02/01/2025"}
    refused = client.post(f"/committees/orgs/{tree.school.pk}/plans/", data).content.decode()
    assert "không quá 3 người (QĐ 377-QĐ/TW)" in refused
    assert PlanEntry.objects.count() == 3
    client.force_login(users.outsider)
    assert client.get(f"/committees/orgs/{tree.school.pk}/plans/").status_code == 404


def test_congress_check_page(client, users, tree, members):
    old = MemberFactory(organization=tree.cell_1, full_name="Hà Văn Cao", birth_date=D(1966, 1, 1))
    client.force_login(users.officer)
    response = client.post(
        f"/committees/orgs/{tree.school.pk}/congress-check/",
        {"congress_date": "15/09/2025", "members": [members.lan.pk, old.pk]},
    )
    text = response.content.decode()
    assert "Hà Văn Cao còn" in text and "CT 45-CT/TW" in text
    assert [label for label, _f in response.context["figures"]][0] == "Nữ"


def test_reorganization_waits_in_due_work_until_the_terms_are_carried_over(client, users, tree, members):
    from xaydungdang.organizations.choices import OrganizationKind as K
    from xaydungdang.reorganizations.services import organizations_merge

    term_with(tree.village_a, starts_on=D(2020, 9, 1), posts=[(members.nam, "bi-thu")])
    reorganization = organizations_merge(
        actor=users.admin, sources=[tree.village_a, tree.village_b], parent=tree.commune_a, code="P92-A-M",
        name="Chi bộ khu vực hợp nhất", kind=K.GRASSROOTS_CELL, effective_date=D(2025, 7, 1),
        decision_number="100-QĐ/TU",
    )  # fmt: skip
    due = lambda user: items_of("term_carry_over", organization=tree.province, on=D(2025, 7, 5), user=user)  # noqa: E731
    (item,) = due(users.officer)
    assert item.subject == reorganization
    assert due(users.outsider) == []
    client.force_login(users.officer)
    assert client.post(f"/committees/reorganizations/{reorganization.pk}/carry-over/").status_code == 302
    assert due(users.officer) == []
    assert Holding.objects.filter(term__organization=reorganization.organization, member=members.nam).exists()
