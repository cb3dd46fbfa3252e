"""core.tabs: a tab registered by another app shows on the member and organization pages, loaded by htmx."""

import pytest
from django.urls import reverse

from xaydungdang.access.policy import policy_for
from xaydungdang.core import tabs

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_tab():
    # Any scoped fragment view taking `pk` will do; the due-work page answers htmx with its sections.
    tabs.register_tab(
        "organization",
        "test_due",
        "Thẻ thử nghiệm",
        "duework:organization",
        order=5,
        visible=lambda user, organization: policy_for(user).can_in_organization("change", organization),
    )
    yield
    tabs.unregister_tab("organization", "test_due")


def test_a_registered_tab_appears_on_the_organization_page_for_whom_it_is_visible(org_tab, client, users, tree):
    url = reverse("organizations:detail", args=[tree.cell_1.pk])
    client.force_login(users.secretary)
    page = client.get(url).content.decode()
    assert "Thẻ thử nghiệm" in page and f"{url}?tab=test_due" in page
    client.force_login(users.leader)  # read-only: `visible` says no
    assert "Thẻ thử nghiệm" not in client.get(url).content.decode()


def test_the_tab_loads_its_fragment_by_htmx(org_tab, client, users, tree):
    client.force_login(users.secretary)
    page = client.get(reverse("organizations:detail", args=[tree.cell_1.pk]), {"tab": "test_due"}).content.decode()
    fragment_url = reverse("duework:organization", kwargs={"pk": tree.cell_1.pk})
    assert f'hx-get="{fragment_url}"' in page and 'hx-trigger="load"' in page
    assert 'id="org-members"' not in page  # the members tab is not rendered underneath


def test_an_unknown_tab_falls_back_to_the_members(client, users, tree):
    client.force_login(users.secretary)
    page = client.get(reverse("organizations:detail", args=[tree.cell_1.pk]), {"tab": "nope"}).content.decode()
    assert 'id="org-members"' in page


def test_the_member_page_shows_the_lifecycle_timeline_tab(client, users, members):
    client.force_login(users.officer)
    page = client.get(reverse("members:detail", args=[members.lan.pk])).content.decode()
    assert 'id="tab-timeline"' in page
    assert f'hx-get="{reverse("lifecycle:timeline", kwargs={"pk": members.lan.pk})}"' in page


def test_tabs_are_ordered_and_unknown_pages_refused():
    assert [spec.key for spec in tabs.registered_tabs("member")][:1] == ["timeline"]
    with pytest.raises(ValueError):
        tabs.register_tab("dashboard", "x", "X", "home")
