"""Việc cần làm fed by the lifecycle and the candidates: probation ending, decisions and ceremonies pending,
transfers, badges, missing data (the sections registered with xaydungdang.duework)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.candidates import services as candidate_services
from xaydungdang.candidates.choices import Step
from xaydungdang.core.dates import add_months, today
from xaydungdang.duework.registry import collect
from xaydungdang.members.lifecycle import calendar, rules
from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.lifecycle.testing import admit

pytestmark = pytest.mark.django_db
D = dt.date


def due_work(organization, on, user) -> dict:
    """The page's sections by key; the admission section split back into decisions and ceremonies."""
    sections = {section.key: items for section, items in collect(organization=organization, on=on, user=user)}
    admission = sections.pop("admission")
    sections["decisions"] = [i for i in admission if i.extra["step"] == "decision"]
    sections["ceremonies"] = [i for i in admission if i.extra["step"] == "ceremony"]
    return sections


def test_working_days_skip_weekends_and_holidays():
    from xaydungdang.members.lifecycle.models import Holiday

    for day in (D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2)):  # loaded by migration; a flushed test DB lacks them
        Holiday.objects.get_or_create(day=day, defaults={"name": "Lễ"})
    assert calendar.add_working_days(D(2024, 5, 3), 1) == D(2024, 5, 6)  # Friday → Monday
    assert calendar.add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 5)  # 30/4, 1/5, 2/5 off, then weekend
    assert calendar.working_days_between(D(2024, 5, 6), D(2024, 5, 10)) == 4
    assert calendar.working_days_between(D(2024, 5, 10), D(2024, 5, 6)) == -4


def test_probationary_member_due_for_recognition_with_the_review_window(tree, users):
    ceremony = add_months(today(), -12) + dt.timedelta(days=10)
    member = admit(users.officer, tree.cell_1, ceremony=ceremony)
    sections = due_work(tree.province, today(), users.officer)
    [item] = sections["probation"]
    assert item.subject == member
    assert item.start == add_months(ceremony, 12)
    assert item.due == calendar.add_working_days(item.start, 30)
    assert not item.overdue(today())
    assert due_work(tree.commune_b, today(), users.officer)["probation"] == []


def test_transfers_waiting_and_overdue(tree, members, users):
    svc.transfer_issue(
        actor=users.officer,
        member=members.hung,
        to_organization=tree.village_b,
        letter_number="1",
        issued_on=D(2024, 5, 6),
    )
    [sent] = due_work(tree.commune_a, today(), users.officer)["transfers"]
    [received] = due_work(tree.commune_b, today(), users.outsider)["transfers"]
    assert sent.subject == received.subject and received.overdue(today())
    assert received.extra["incoming"] and not sent.extra["incoming"]
    assert received.extra["can_accept"] and not sent.extra["can_accept"]
    [seen] = due_work(tree.commune_a, today(), users.leader)["transfers"]  # read-only: sees it, may not accept
    assert seen.subject == sent.subject and not seen.extra["can_accept"]


def _veteran_due_a_30_year_badge(tree, users):
    """A member who reaches 30 years of party age just before the next award day: (that day, the member)."""
    award_day = rules.next_award_date(today())
    decision = add_months(award_day, -12 * 30) + dt.timedelta(days=-3)
    veteran = admit(
        users.officer,
        tree.cell_2,
        ceremony=decision + dt.timedelta(days=5),
        decision=decision,
        birth_date=D(1960, 1, 1),
        official=True,
    )
    return award_day, veteran


def test_badge_due_at_the_next_award_day(tree, users):
    award_day, veteran = _veteran_due_a_30_year_badge(tree, users)
    sections = due_work(tree.province, today(), users.officer)
    assert {b.due for b in sections["badges"]} == {award_day}
    assert [(b.subject, b.extra["years"]) for b in sections["badges"]] == [(veteran, 30)]
    svc.badge_award(
        actor=users.officer, member=veteran, years=30, awarded_on=min(award_day, today()), serious_illness=True
    )
    assert due_work(tree.province, today(), users.officer)["badges"] == []


def test_a_badge_recorded_by_its_event_alone_is_not_due_again(tree, users):
    """Issue 17 §11 leftover: due work reads held badges by the one selector (member_badges), so a member whose
    award event records the badge (older data, the demo: no Badge row) is not listed as due it."""
    award_day, veteran = _veteran_due_a_30_year_badge(tree, users)
    svc.badge_award(
        actor=users.officer, member=veteran, years=30, awarded_on=min(award_day, today()), serious_illness=True
    )
    veteran.badges.all().delete()  # the event stays: the badge is held by the timeline alone
    assert veteran.events.filter(kind="badge_awarded").exists()
    assert due_work(tree.province, today(), users.officer)["badges"] == []


def test_missing_mandatory_data_names_the_fields(tree, users):
    member = admit(users.officer, tree.cell_1, ceremony=D(2024, 1, 10))
    [item] = [i for i in due_work(tree.province, today(), users.officer)["missing"] if i.subject == member]
    assert "số CCCD" in item.extra["missing"] and "số lý lịch đảng viên" in item.extra["missing"]


def test_candidates_waiting_for_decision_and_ceremony(tree, users, members):
    candidate = candidate_services.candidate_create(
        actor=users.officer, organization=tree.cell_1, recorded_on=D(2024, 1, 5), full_name="Mai Văn Đức",
        gender="male", birth_date=D(1999, 1, 1), education_level="upper_secondary",
    )  # fmt: skip
    for step, day, extra in [
        (Step.COURSE, D(2024, 2, 1), {}),
        (Step.APPLICATION, D(2024, 3, 1), {}),
        (Step.SPONSORS, D(2024, 3, 2), {"sponsors": [(members.hung, D(2020, 1, 1)), (members.lan, D(2020, 1, 1))]}),
        (Step.OPINIONS, D(2024, 3, 10), {}),
        (Step.CELL_RESOLUTION, D(2024, 4, 1), {"votes_for": 2, "document_number": "1"}),
    ]:
        candidate_services.candidate_advance(actor=users.officer, candidate=candidate, step=step, done_on=day, **extra)
    [item] = due_work(tree.province, today(), users.officer)["decisions"]
    assert item.start == D(2024, 4, 1) and item.overdue(today())
    candidate_services.candidate_advance(
        actor=users.officer,
        candidate=candidate,
        step=Step.COMMITTEE_RESOLUTION,
        done_on=D(2024, 4, 5),
        document_number="2",
    )
    candidate_services.candidate_advance(
        actor=users.officer, candidate=candidate, step=Step.DECISION, done_on=D(2024, 4, 10), document_number="3"
    )
    sections = due_work(tree.province, today(), users.officer)
    assert sections["decisions"] == [] and sections["ceremonies"][0].due == calendar.add_working_days(
        D(2024, 4, 10), 30
    )


@pytest.mark.parametrize(
    ("who", "expected"), [(None, 302), ("nobody", 404), ("leader", 200), ("secretary", 200), ("outsider", 404)]
)
def test_due_work_page_scope(client, users, tree, members, who, expected):
    if who:
        client.login(username=getattr(users, who).username, password=PASSWORD)
    url = reverse("duework:organization", args=[tree.commune_a.pk if who != "secretary" else tree.cell_1.pk])
    response = client.get(url, {"on": "01/06/2025"})
    assert response.status_code == expected
    if expected == 200:
        assert "Việc cần làm" in response.content.decode()


def test_due_work_page_query_count_is_constant(client, users, tree, django_assert_max_num_queries):
    """Each app's section runs a fixed number of queries, whatever the number of rows it lists."""
    client.login(username=users.officer.username, password=PASSWORD)
    url = reverse("duework:organization", args=[tree.province.pk])
    admit(users.officer, tree.cell_2, ceremony=add_months(today(), -12))
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(1, 6):
        admit(users.officer, tree.cell_2, ceremony=add_months(today(), -12) + dt.timedelta(days=n))
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    page = response.content.decode()
    probation = page[page.index('data-due-section="probation"') :].split("</section>", 1)[0]
    assert probation.count("table-danger") == 0


def test_the_former_address_of_the_page_redirects(client, users, tree):
    client.force_login(users.officer)
    response = client.get(reverse("lifecycle:due_work", args=[tree.province.pk]), {"on": "01/06/2025"})
    assert response.status_code == 302
    assert response["Location"] == reverse("duework:organization", args=[tree.province.pk]) + "?on=01%2F06%2F2025"


def test_every_section_is_on_the_page_in_order(client, users, tree):
    client.force_login(users.officer)
    page = client.get(reverse("duework:organization", args=[tree.province.pk])).content.decode()
    keys = ["probation", "admission", "transfers", "badges", "missing"]
    positions = [page.index(f'data-due-section="{key}"') for key in keys]
    assert positions == sorted(positions)
