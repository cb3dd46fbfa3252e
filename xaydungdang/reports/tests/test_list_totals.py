"""The member list's total read from the rollups (members.totals, reports' counter) equals the count of the
rows the list shows: today and on a past date, by status and gender, for the whole scope and a subtree, before
and after members leave and move; a list the rollups do not keep (a search, a cell) still counts its rows."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.access.choices import Role, Scope
from xaydungdang.access.models import Assignment
from xaydungdang.members.lifecycle import services as lifecycle
from xaydungdang.members.paging import KnownCountPaginator

LIST = reverse("members:list")
PAST = dt.date(2010, 6, 30)
PLAIN = [{}, {"status": "official"}, {"status": "probationary"}, {"gender": "female"}, {"status": "all"}]


def _listed(client, params: dict):
    """(the total the page shows, the rows the list holds counted one by one, whether it was told the total)."""
    response = client.get(LIST, params)
    assert response.status_code == 200
    page = response.context["page_obj"]
    rows = page.paginator.object_list
    return page.paginator.count, rows.count(), isinstance(page.paginator, KnownCountPaginator)


def _check(client, tree) -> None:
    for where in ({}, {"org": tree.province.pk}, {"org": tree.commune_a.pk}):
        for day in ({}, {"on": f"{PAST:%d/%m/%Y}"}, {"on": "15/01/2026"}):
            for params in PLAIN:
                shown, counted, told = _listed(client, {**where, **day, **params})
                kept = bool(day) or params.get("status") != "all"  # today "all" holds those who left too
                assert (shown, told) == (counted, kept), (where, day, params)


@pytest.fixture
def admin_client(client, users):
    client.login(username=users.admin.username, password=PASSWORD)
    return client


def test_plain_lists_read_their_total_from_the_rollups_and_it_is_the_rows_count(admin_client, tree, varied, users):
    _check(admin_client, tree)
    lifecycle.member_record_death(actor=users.admin, member=varied[1], effective_date=dt.date(2025, 3, 1))
    lifecycle.member_resign(
        actor=users.admin, member=varied[0], effective_date=dt.date(2025, 6, 1), reason="Hoàn cảnh gia đình"
    )
    _check(admin_client, tree)


def test_the_default_list_shows_current_members_and_the_others_on_request(admin_client, tree, varied, users):
    lifecycle.member_record_death(actor=users.admin, member=varied[1], effective_date=dt.date(2025, 3, 1))
    names = lambda params: {m.full_name for m in admin_client.get(LIST, params).context["page_obj"]}  # noqa: E731
    assert "Hà Văn Dũng" not in names({})
    assert "Hà Văn Dũng" in names({"status": "all"}) and "Hà Văn Dũng" in names({"status": "others"})
    assert names({"status": "others"}) == {"Hà Văn Dũng"}
    assert "Hà Văn Dũng" not in names({"q": "dung"})  # a search too, unless asked for everyone
    assert "Hà Văn Dũng" in names({"q": "dung", "status": "all"})


def test_lists_the_rollups_do_not_keep_count_their_rows(admin_client, tree, varied):
    for params in ({"q": "van"}, {"org": tree.cell_1.pk}, {"status": "others"}, {"ethnicity": "05"}):
        shown, counted, told = _listed(admin_client, params)
        assert shown == counted and not told, params
    shown, counted, told = _listed(admin_client, {"status": "official", "gender": "male"})
    assert shown == counted and not told


def test_an_officer_of_a_subtree_reads_its_total_only_where_they_read_the_whole(client, tree, varied, users):
    client.login(username=users.leader.username, password=PASSWORD)  # the commune's leader
    for params in ({"org": tree.commune_a.pk}, {}, {"on": f"{PAST:%d/%m/%Y}"}):  # {}: their whole scope
        shown, counted, told = _listed(client, params)
        assert shown == counted and told, params
    # A second grant outside the commune: the scope is no longer one subtree, so the list counts its rows.
    Assignment.objects.create(user=users.leader, role=Role.SECRETARY, organization=tree.village_b, scope=Scope.NODE)
    shown, counted, told = _listed(client, {})
    assert shown == counted and not told
    assert shown > _listed(client, {"org": tree.commune_a.pk})[0]
