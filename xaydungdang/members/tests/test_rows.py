"""The rows of a member page built in Python (members.rows) show what the per-row template showed: the
same markup, row for row, today and on a past date, with an exempted member, missing dates and a name
that needs escaping."""

import datetime as dt
import re

import pytest
from django import forms
from django.template import Context, Template

from xaydungdang.members.choices import MemberStatus
from xaydungdang.members.filters import MemberFilter
from xaydungdang.members.models import Member
from xaydungdang.members.paging import list_page
from xaydungdang.members.rows import member_rows
from xaydungdang.members.selectors import members_on, visible_members
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.members.widgets import FastSelect
from xaydungdang.organizations.models import Organization

pytestmark = pytest.mark.django_db

# The per-row template the page used before (members/_table.html), kept as the reference.
REFERENCE = Template(
    """{% load i18n %}{% for row in page_obj %}{% if on_date %}{% with member=row.member %}{% include "x" %}{% endwith %}{% else %}{% with member=row %}{% include "x" %}{% endwith %}{% endif %}{% endfor %}""".replace(
        '{% include "x" %}',
        """<tr>
  <td class="text-body-secondary text-end small">{{ page_obj.start_index|add:forloop.counter0 }}</td>
  <td>
    <a class="fw-medium" href="{% url 'members:detail' member.pk %}">{{ member.full_name }}</a>
    {% if member.is_exempted and not on_date %}<span class="badge text-bg-info ms-1" title="{% translate 'Miễn công tác và sinh hoạt đảng' %}">{% translate "Miễn SH" %}</span>{% endif %}
  </td>
  <td>{{ member.get_gender_display }}</td>
  <td class="text-nowrap">{{ member.birth_date|date:"d/m/Y" }}</td>
  <td><a class="link-secondary" href="{% url 'organizations:detail' row.organization.pk %}">{{ row.organization.name }}</a></td>
  <td class="text-nowrap">{{ member.admission_date|date:"d/m/Y"|default:"—" }}</td>
  <td class="text-nowrap">{{ member.official_date|date:"d/m/Y"|default:"—" }}</td>
  <td>{% include "members/_status_badge.html" with status=row.status label=row.get_status_display %}</td>
</tr>""",
    )
)


def _squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


@pytest.fixture
def varied(tree, users):
    odd = MemberFactory(organization=tree.cell_1, full_name="Lò <Văn> & Páo")
    Member.objects.filter(pk=odd.pk).update(admission_date=None, official_date=None)
    MemberFactory(
        organization=tree.cell_2, full_name="Bùi Thị Yến", official_date=None, status=MemberStatus.PROBATIONARY
    )
    exempted = MemberFactory(organization=tree.cell_1, full_name="Võ Văn Thành")
    exempted.is_exempted = True
    exempted.save()
    return users


@pytest.mark.parametrize("on_date", [None, dt.date(2020, 6, 30)])
def test_the_rows_are_those_of_the_per_row_template(varied, on_date):
    rows = members_on(varied.officer, on_date) if on_date else visible_members(varied.officer)
    html = ""
    for number in (1, 2, 3):
        page = list_page(rows, 3, number)
        expected = REFERENCE.render(Context({"page_obj": page, "on_date": on_date}))
        assert _squeeze(member_rows(page, on_date)) == _squeeze(expected)
        html += expected
    assert html.count("<tr>") == rows.count() > 6
    if not on_date:
        assert "Lò &lt;Văn&gt; &amp; Páo" in html and "Miễn SH" in html


@pytest.mark.parametrize("data", [{}, {"status": "official", "gender": "female", "ethnicity": "01", "sort": "-name"}])
def test_the_filter_selects_are_those_of_the_select_template(varied, tree, data):
    filterset = MemberFilter(
        {**data, "org": tree.cell_1.pk}, visible_members(varied.officer), user=varied.officer,
        organizations=Organization.objects.all(),
    )  # fmt: skip
    field = filterset.form.fields["org"]
    field.widget.choices = [("", "—"), (tree.cell_1.pk, "A & <B>"), (tree.cell_2.pk, "C")]
    for bound in filterset.form:
        if isinstance(bound.field.widget, FastSelect):
            template = forms.Select(attrs={"class": "form-select"}, choices=bound.field.widget.choices)
            bound.field.widget.attrs["class"] = "form-select"
            expected = template.render(bound.html_name, bound.value(), {"id": bound.auto_id})
            assert _squeeze(bound.as_widget()) == _squeeze(expected)
            assert "selected" in expected
