"""Training pages: the scope matrix, enrolment and results through the forms, the statistics against raw rows."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.candidates.models import Candidate
from xaydungdang.core.dates import add_months, today
from xaydungdang.duework.registry import collect
from xaydungdang.members.lifecycle.testing import admit
from xaydungdang.members.models import Member
from xaydungdang.training import selectors
from xaydungdang.training import services as svc
from xaydungdang.training.choices import Result
from xaydungdang.training.models import Certificate, Enrollment

pytestmark = pytest.mark.django_db
D = dt.date


def login(client, user):
    if user is not None:
        client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 302), ("nobody", 404), ("member", 404), ("leader", 200), ("officer", 200), ("outsider", 404)],
)
def test_index_class_and_statistics_scope(client, users, tree, awareness_class, who, expected):
    login(client, getattr(users, who) if who else None)
    pages = [
        reverse("training:index", args=[tree.commune_a.pk]),
        reverse("training:class", args=[awareness_class.pk]),
        reverse("training:statistics", args=[tree.commune_a.pk]),
    ]
    assert [client.get(url).status_code for url in pages] == [expected] * 3


@pytest.mark.parametrize(
    ("who", "expected"), [("leader", 404), ("secretary", 404), ("outsider", 404), ("officer", 200)]
)
def test_writes_need_change_scope_over_the_class(client, users, tree, awareness_class, who, expected):
    login(client, getattr(users, who))
    assert client.get(reverse("training:class_create", args=[tree.commune_a.pk])).status_code == (
        200 if who == "officer" else 404
    )
    assert client.get(reverse("training:session_create", args=[awareness_class.pk])).status_code == expected
    assert client.get(reverse("training:import", args=[awareness_class.pk])).status_code == expected


def test_enrol_and_record_a_result_through_the_forms(client, users, candidate, awareness_class):
    login(client, users.officer)
    url = reverse("training:class", args=[awareness_class.pk])
    response = client.post(url, {"candidate": candidate.pk})
    assert response.status_code == 302
    enrollment = Enrollment.objects.get(training_class=awareness_class, candidate=candidate)
    response = client.post(
        reverse("training:result", args=[enrollment.pk]),
        {"result": "passed", "certificate_number": "GCN 1", "certificate_date": "01/02/2024"},
    )
    assert "Ngày cấp giấy chứng nhận không được trước ngày bế giảng (05/02/2024)." in response.content.decode()
    response = client.post(
        reverse("training:result", args=[enrollment.pk]),
        {"result": "passed", "score": "8,5", "certificate_number": "GCN 1", "certificate_date": "06/02/2024"},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Huỳnh Thị Ngọc" in page and "GCN 1" in page and "Hoàn thành" in page


def test_session_form_records_attendance(client, users, candidate, awareness_class):
    enrollment = svc.enrollment_create(actor=users.officer, training_class=awareness_class, candidate=candidate)
    login(client, users.officer)
    response = client.post(
        reverse("training:session_create", args=[awareness_class.pk]), {"held_on": "02/02/2024", "topic": "Bài 2"}
    )
    assert response.status_code == 302
    assert enrollment.attendance.get().present is False


def _scenario(users, tree, kinds, candidate):
    """Raw rows for the statistics: two awareness trainees (one passed), one outside the subtree, a plan."""
    year = today().year
    start = D(year, 1, 10) if today() >= D(year, 1, 20) else D(year - 1, 12, 1)
    training_class = svc.class_create(
        actor=users.officer, organization=tree.province, course_kind=kinds.nhan_thuc, name="Lớp tỉnh",
        organizer="Trường Chính trị tỉnh", starts_on=start, ends_on=start + dt.timedelta(days=4), capacity=10,
    )  # fmt: skip
    other = Candidate.objects.create(
        organization=tree.cell_2, full_name="Mai Văn Bình", gender="male", birth_date=D(2000, 1, 1),
        education_level="upper_secondary",
    )  # fmt: skip
    outside = Candidate.objects.create(
        organization=tree.village_b, full_name="Tô Thị Hạnh", gender="female", birth_date=D(2000, 1, 1),
        education_level="upper_secondary",
    )  # fmt: skip
    first = svc.enrollment_create(actor=users.officer, training_class=training_class, candidate=candidate)
    for person in (other, outside):
        svc.enrollment_create(actor=users.officer, training_class=training_class, candidate=person)
    svc.result_record(
        actor=users.officer, enrollment=first, result=Result.PASSED, certificate_number="T-1",
        certificate_date=start + dt.timedelta(days=5),
    )  # fmt: skip
    svc.plan_save(
        actor=users.officer,
        organization=tree.commune_a,
        year=start.year,
        course_kind=kinds.nhan_thuc,
        planned_trainees=5,
    )
    admit(users.officer, tree.cell_1, ceremony=add_months(today(), -2))
    return start.year


def test_statistics_match_raw_counts(client, users, tree, kinds, candidate):
    year = _scenario(users, tree, kinds, candidate)
    stats = selectors.training_stats(tree.commune_a, users.officer, year)
    row = next(r for r in stats.rows if r.kind == kinds.nhan_thuc)
    raw = Enrollment.objects.filter(
        organization__path__startswith=tree.commune_a.path, training_class__starts_on__year=year
    )
    assert (row.trainees, row.passed, row.planned) == (raw.count(), raw.filter(result="passed").count(), 5) == (2, 1, 5)
    assert row.certificates == Certificate.objects.filter(enrollment__in=raw).count() == 1
    assert row.completion == 50.0
    in_progress = Candidate.objects.filter(organization__path__startswith=tree.commune_a.path, status="in_progress")
    assert stats.candidates_missing == in_progress.exclude(pk=candidate.pk).count() == 1
    probationary = Member.objects.filter(organization__path__startswith=tree.commune_a.path, status="probationary")
    assert stats.probationary_missing == probationary.count() == 1

    login(client, users.officer)
    response = client.get(reverse("training:statistics", args=[tree.commune_a.pk]), {"year": year, "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    awareness = next(r for r in values if r[0] == kinds.nhan_thuc.name)
    assert awareness[1:4] == [5, 2, 1]
    page = client.get(reverse("training:statistics", args=[tree.commune_a.pk]), {"year": year}).content.decode()
    assert 'id="training-chart"' in page and '<strong id="candidates-missing">1</strong>' in page


def test_the_two_missing_lists_are_due_work(users, tree, kinds, candidate):
    _scenario(users, tree, kinds, candidate)
    sections = {s.key: items for s, items in collect(organization=tree.commune_a, on=today(), user=users.officer)}
    assert [i.title for i in sections["training_awareness"]] == ["Mai Văn Bình"]
    assert len(sections["training_new_member"]) == 1
    # The other commune's officer sees their own candidate, and nobody of commune A even when asking for it.
    sections = {s.key: items for s, items in collect(organization=tree.commune_b, on=today(), user=users.outsider)}
    assert [i.title for i in sections["training_awareness"]] == ["Tô Thị Hạnh"]
    sections = {s.key: items for s, items in collect(organization=tree.commune_a, on=today(), user=users.outsider)}
    assert (sections["training_awareness"], sections["training_new_member"]) == ([], [])


def test_api_lists_classes_and_certificates_in_scope(client, users, tree, candidate, awareness_class):
    enrollment = svc.enrollment_create(actor=users.officer, training_class=awareness_class, candidate=candidate)
    svc.result_record(
        actor=users.officer, enrollment=enrollment, result=Result.PASSED, certificate_number="GCN 9",
        certificate_date=D(2024, 2, 6),
    )  # fmt: skip
    login(client, users.leader)
    [row] = client.get("/api/v1/training-classes/", {"org": tree.commune_a.pk}).json()["results"]
    assert row["course_kind_code"] == "nhan-thuc"
    assert row["enrollments"][0]["certificate_number"] == "GCN 9"
    [certificate] = client.get("/api/v1/certificates/").json()["results"]
    assert (certificate["number"], certificate["candidate"]) == ("GCN 9", candidate.pk)
    client.logout()
    login(client, users.outsider)
    assert client.get("/api/v1/training-classes/").json()["results"] == []
    assert client.get(f"/api/v1/training-classes/{awareness_class.pk}/").status_code == 404
    assert client.get("/api/v1/certificates/").json()["results"] == []
