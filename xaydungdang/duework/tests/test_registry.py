"""The registry every app feeds: a section registered from outside appears on the page, scoped by its provider."""

import datetime as dt

import pytest
from django.template import Template
from django.urls import reverse

from xaydungdang.access.policy import SYSTEM
from xaydungdang.duework import registry
from xaydungdang.duework.registry import DueItem, DueItems, DueQuery, DueSection
from xaydungdang.members.models import Member

pytestmark = pytest.mark.django_db


def _cell_members(query: DueQuery) -> list[DueItem]:
    members = Member.objects.visible_to(query.user).in_subtree(query.organization).order_by("full_name")
    return DueItems([DueItem(m, m.full_name, query.on) for m in members[: query.limit]], total=members.count())


# A section's own partial (a Template object serves `{% include %}` as well as a template name).
ROLL = """{% extends "duework/_section.html" %}
{% block rows %}<ul>{% for item in items %}<li class="roll-item">{{ item.title }}</li>{% endfor %}</ul>{% endblock %}"""


@pytest.fixture
def section():
    spec = registry.register(DueSection("test_roll", "Điểm danh thử", Template(ROLL), _cell_members, order=5))
    yield spec
    registry.unregister(spec.key)


def test_a_registered_section_is_collected_in_order(section, tree, members, users):
    collected = registry.collect(organization=tree.cell_1, on=dt.date(2025, 1, 1), user=users.officer)
    keys = [s.key for s, _items in collected]
    assert keys[0] == "test_roll" and {"probation", "admission", "transfers", "badges", "missing"} <= set(keys)
    items = dict((s.key, i) for s, i in collected)["test_roll"]
    assert [i.title for i in items] == ["Nguyễn Văn Hùng", "Trần Thị Lan"] and items.total == 2


def test_a_section_sees_what_the_user_sees(section, tree, members, users):
    items = registry.items_of("test_roll", organization=tree.cell_1, on=dt.date(2025, 1, 1), user=users.member)
    assert [i.subject for i in items] == [members.hung]


def test_the_limit_cuts_and_the_total_says_how_many(section, tree, members, users):
    items = registry.items_of("test_roll", organization=tree.province, on=dt.date(2025, 1, 1), user=SYSTEM, limit=2)
    assert len(items) == 2 and items.total == 5 and items.truncated


def test_a_query_without_user_is_refused():
    with pytest.raises(ValueError, match="SYSTEM"):
        DueQuery(organization=None, on=dt.date(2025, 1, 1), user=None)


def test_the_page_renders_the_sections_own_template(section, client, tree, members, users):
    client.force_login(users.secretary)
    page = client.get(reverse("duework:organization", args=[tree.cell_1.pk])).content.decode()
    assert "Điểm danh thử" in page and 'class="roll-item">Trần Thị Lan<' in page


def test_the_fragment_for_htmx_is_the_sections_only(client, tree, users):
    client.force_login(users.officer)
    response = client.get(reverse("duework:organization", args=[tree.province.pk]), HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert 'id="due-sections"' in text and "<html" not in text
