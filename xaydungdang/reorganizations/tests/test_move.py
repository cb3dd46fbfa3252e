"""Issue 9 defect 1: a move honours its date, writes a ParentChange, and the rollups follow it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from xaydungdang.core.dates import today
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.tests.factories import make_org
from xaydungdang.organizations.tests.helpers import client_for
from xaydungdang.reorganizations.models import ParentChange
from xaydungdang.reorganizations.services import organization_move
from xaydungdang.reorganizations.structure import subtree_ids_on
from xaydungdang.reports.rollups.rebuild import rebuild, verify
from xaydungdang.reports.selectors import subtree_statistics
from xaydungdang.reports.tests.oracle import expected_counts, nonzero

pytestmark = pytest.mark.django_db

MOVE_DAY = dt.date(2025, 7, 1)
DAYS = (dt.date(2020, 1, 1), MOVE_DAY, today())


@pytest.fixture
def provinces(tree, members, users):
    """A second province beside the cast's; rollups built for both, as on a running system."""
    other = make_org(None, K.PROVINCIAL, "Đảng bộ tỉnh Hậu Giang", "P93")
    make_org(other, K.UPPER_GRASSROOTS, "Đảng bộ xã Vị Thanh", "P93-A")
    rebuild()
    return tree.province, other


def assert_dashboards_right(*organizations):
    for organization in organizations:
        organization = Organization.objects.get(pk=organization.pk)
        for day in DAYS:
            stats = subtree_statistics(organization=organization, on=day)
            assert nonzero(stats["members"]) == nonzero(expected_counts(organization, day)), (organization, day)
    assert verify() == []
    call_command("rebuild_rollups", "--verify")  # exits 1 on any difference


@pytest.mark.parametrize("via", ["service", "page", "api"])
def test_moving_a_commune_between_provinces_keeps_both_dashboards_right(provinces, tree, users, via):
    old, new = provinces
    assert subtree_statistics(organization=old)["members"]["total"][""] == 5
    if via == "service":
        organization_move(actor=users.admin, organization=tree.commune_b, new_parent=new, effective_date=MOVE_DAY)
    elif via == "page":
        response = client_for(users.admin).post(
            f"/orgs/{tree.commune_b.pk}/move/",
            {"new_parent": new.pk, "on": "01/07/2025", "reason": "Điều chỉnh địa giới"},
        )
        assert response.status_code == 302
    else:
        response = client_for(users.admin).post(
            f"/api/v1/organizations/{tree.commune_b.pk}/move/", {"new_parent": new.pk, "on": "2025-07-01"}
        )
        assert response.status_code == 200, response.json()
    assert subtree_statistics(organization=old)["source"] == "rollup"
    assert subtree_statistics(organization=old)["members"]["total"][""] == 4
    assert subtree_statistics(organization=new)["members"]["total"][""] == 1
    assert_dashboards_right(old, new)
    change = ParentChange.objects.get(organization=tree.commune_b)
    assert (change.old_parent, change.new_parent, change.effective_date) == (old, new, MOVE_DAY)


def test_the_move_date_is_the_past_tree_s(provinces, tree, users):
    old, new = provinces
    organization_move(actor=users.admin, organization=tree.commune_b, new_parent=new, effective_date=MOVE_DAY)
    assert tree.village_b.pk in subtree_ids_on(old, MOVE_DAY - dt.timedelta(days=1))
    assert tree.village_b.pk not in subtree_ids_on(old, MOVE_DAY)
    assert tree.village_b.pk in subtree_ids_on(Organization.objects.get(pk=new.pk), MOVE_DAY)


def test_a_move_back_and_forth_leaves_the_rollups_as_before(provinces, tree, users):
    old, new = provinces
    organization_move(actor=users.admin, organization=tree.commune_b, new_parent=new, effective_date=MOVE_DAY)
    organization_move(actor=users.admin, organization=tree.commune_b, new_parent=old)
    assert subtree_statistics(organization=old)["members"]["total"][""] == 5
    assert_dashboards_right(old, new)
    assert ParentChange.objects.filter(organization=tree.commune_b).count() == 2


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (today() + dt.timedelta(days=1), "Ngày hiệu lực không được ở tương lai."),
        (dt.date(2025, 6, 30), "ngày hiệu lực không được trước ngày đó."),
    ],
)
def test_a_move_date_in_the_future_or_before_the_last_move_is_refused(provinces, tree, users, day, message):
    old, new = provinces
    organization_move(actor=users.admin, organization=tree.commune_b, new_parent=new, effective_date=MOVE_DAY)
    with pytest.raises(ValidationError) as error:
        organization_move(actor=users.admin, organization=tree.commune_b, new_parent=old, effective_date=day)
    assert message in str(error.value.message_dict["effective_date"])
    assert Organization.objects.get_parent(Organization.objects.get(pk=tree.commune_b.pk)) == new


def test_a_move_before_the_new_parent_was_founded_is_refused(tree, members, users):
    late = make_org(None, K.PROVINCIAL, "Đảng bộ tỉnh mới", "P94", founded_on=dt.date(2025, 7, 1))
    with pytest.raises(ValidationError) as error:
        organization_move(
            actor=users.admin, organization=tree.commune_b, new_parent=late, effective_date=dt.date(2025, 1, 1)
        )
    assert "Ngày hiệu lực trước ngày thành lập của Đảng bộ tỉnh mới." in error.value.message_dict["effective_date"]
    assert not ParentChange.objects.exists()


def test_the_import_moves_through_the_same_service(provinces, tree, users):
    from xaydungdang.exchange.organization_import import import_organizations

    old, new = provinces
    content = (
        "Mã tổ chức,Tên tổ chức,Loại tổ chức,Mã tổ chức cấp trên\n"
        f"P92-B,{tree.commune_b.name},{K.UPPER_GRASSROOTS.label},P93\n"
    ).encode()
    errors, counts = import_organizations(user=users.admin, file_name="to-chuc.csv", content=content, commit=True)
    assert errors == []
    assert counts == (0, 1, 0)
    assert ParentChange.objects.get(organization=tree.commune_b).new_parent == new
    assert_dashboards_right(old, new)
