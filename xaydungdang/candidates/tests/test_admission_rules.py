"""Issue 9 defect 5, admission: sponsors read on the introduction date, one sponsor with the Youth Union's
resolution, over 60 with the provincial standing committee's decision, the education exception areas."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.candidates import services as svc
from xaydungdang.candidates.choices import ExceptionArea, Step
from xaydungdang.members.lifecycle import services as lifecycle
from xaydungdang.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def candidate(tree, users):
    return svc.candidate_create(
        actor=users.secretary, organization=tree.cell_1, recorded_on=D(2023, 1, 5), full_name="Huỳnh Thị Ngọc",
        gender="female", birth_date=D(2000, 4, 2), education_level="upper_secondary",
    )  # fmt: skip


def _to_sponsors(actor, candidate):
    svc.candidate_advance(actor=actor, candidate=candidate, step=Step.COURSE, done_on=D(2023, 3, 1))
    svc.candidate_advance(actor=actor, candidate=candidate, step=Step.APPLICATION, done_on=D(2023, 4, 1))


def _sponsors(actor, candidate, sponsors, **kw):
    return svc.candidate_advance(
        actor=actor, candidate=candidate, step=Step.SPONSORS, done_on=D(2023, 4, 2), sponsors=sponsors, **kw
    )


def test_a_sponsor_official_on_the_introduction_date_is_accepted_even_if_gone_today(candidate, users, members):
    _to_sponsors(users.secretary, candidate)
    lifecycle.member_record_death(actor=users.admin, member=members.lan, effective_date=D(2024, 1, 1))
    step = _sponsors(users.secretary, candidate, [(members.hung, D(2021, 1, 1)), (members.lan, D(2021, 1, 1))])
    assert candidate.sponsors.count() == 2 and step.step == Step.SPONSORS


def test_a_sponsor_official_only_after_the_introduction_date_is_refused(candidate, users, members, tree):
    late = MemberFactory(
        organization=tree.cell_1, full_name="Mai Văn Sáng", admission_decision_date=D(2022, 6, 1),
        admission_date=D(2022, 6, 10), official_date=D(2023, 6, 10),
    )  # fmt: skip
    _to_sponsors(users.secretary, candidate)
    with pytest.raises(ValidationError) as exc:
        _sponsors(users.secretary, candidate, [(members.hung, D(2021, 1, 1)), (late, D(2021, 1, 1))])
    assert exc.value.message_dict["sponsors"] == [
        "Ngày giới thiệu 02/04/2023, Mai Văn Sáng chưa là đảng viên chính thức (Điều lệ Đảng Điều 4)."
    ]


def test_one_sponsor_with_the_youth_union_resolution(candidate, users, members):
    _to_sponsors(users.secretary, candidate)
    with pytest.raises(ValidationError) as exc:
        _sponsors(users.secretary, candidate, [(members.hung, D(2021, 1, 1))])
    assert exc.value.message_dict["sponsors"] == ["Phải có đúng 2 đảng viên chính thức giới thiệu."]
    with pytest.raises(ValidationError) as exc:
        _sponsors(
            users.secretary,
            candidate,
            [(members.hung, D(2021, 1, 1)), (members.lan, D(2021, 1, 1))],
            union_resolution="03-NQ/ĐTN",
        )
    assert exc.value.message_dict["sponsors"] == [
        "Khi có nghị quyết giới thiệu của Đoàn TNCS Hồ Chí Minh (hoặc công đoàn), phải có đúng 1 đảng viên chính "
        "thức giới thiệu (Điều lệ Đảng Điều 4)."
    ]
    step = _sponsors(users.secretary, candidate, [(members.hung, D(2021, 1, 1))], union_resolution="03-NQ/ĐTN")
    assert step.union_resolution == "03-NQ/ĐTN"


def _create(users, tree, **person):
    values = {
        "full_name": "Lò Văn Páo", "gender": "male", "birth_date": D(1990, 1, 1), "education_level": "primary",
        **person,
    }  # fmt: skip
    return svc.candidate_create(actor=users.secretary, organization=tree.cell_1, recorded_on=D(2023, 1, 5), **values)


def test_education_exception_for_mountain_island_and_ethnic_minority_areas(tree, users):
    with pytest.raises(ValidationError) as exc:
        _create(users, tree)
    assert exc.value.message_dict["education_level"] == [
        "Người vào Đảng phải tốt nghiệp trung học cơ sở trở lên (QĐ 294-QĐ/TW)."
    ]
    for area in ExceptionArea.values:
        candidate = _create(users, tree, education_exception_area=area, full_name=f"Lò Văn {area}")
        assert candidate.education_exception_area == area
    with pytest.raises(ValidationError) as exc:
        _create(users, tree, education_exception_area=ExceptionArea.MOUNTAIN, education_level="")
    assert "education_level" in exc.value.message_dict


def test_over_60_needs_the_provincial_standing_committees_decision(tree, users, members):
    with pytest.raises(ValidationError) as exc:
        _create(users, tree, birth_date=D(1960, 1, 1), education_level="upper_secondary")
    assert exc.value.message_dict["birth_date"] == [
        "Người này đã quá 60 tuổi; chỉ xem xét kết nạp khi có quyết định của Ban Thường vụ tỉnh ủy, thành ủy (ghi ở ô quyết định cho kết nạp người trên 60 tuổi)."
    ]
    elder = _create(
        users, tree, birth_date=D(1960, 1, 1), education_level="upper_secondary", over_age_decision="120-QĐ/TU"
    )
    actor = users.secretary
    _to_sponsors(actor, elder)
    _sponsors(actor, elder, [(members.hung, D(2021, 1, 1)), (members.lan, D(2021, 1, 1))])
    svc.candidate_advance(actor=actor, candidate=elder, step=Step.OPINIONS, done_on=D(2023, 4, 20))
    svc.candidate_advance(
        actor=actor, candidate=elder, step=Step.CELL_RESOLUTION, done_on=D(2023, 5, 5), document_number="5", votes_for=2
    )
    svc.candidate_advance(
        actor=users.officer,
        candidate=elder,
        step=Step.COMMITTEE_RESOLUTION,
        done_on=D(2023, 5, 20),
        document_number="9",
    )
    svc.candidate_advance(
        actor=users.officer, candidate=elder, step=Step.DECISION, done_on=D(2023, 6, 1), document_number="1-QĐ"
    )
    svc.candidate_advance(actor=users.officer, candidate=elder, step=Step.CEREMONY, done_on=D(2023, 6, 10))
    elder.refresh_from_db()
    assert elder.member.status == "probationary"
    assert elder.member.events.get(kind="admitted").data == {"over_age_decision": "120-QĐ/TU"}


def test_admission_over_60_without_the_decision_is_refused_with_the_rule(tree, users):
    with pytest.raises(ValidationError) as exc:
        lifecycle.member_admit(
            actor=users.officer, organization=tree.cell_1, full_name="Già Văn Cả", gender="male",
            birth_date=D(1960, 1, 1), decision_number="1", decision_date=D(2023, 6, 1), issued_by="ĐU",
            ceremony_date=D(2023, 6, 10),
        )  # fmt: skip
    assert exc.value.message_dict["birth_date"] == [
        "Tuổi khi kết nạp (63 năm 5 tháng) quá 60 tuổi; phải có quyết định của Ban Thường vụ tỉnh ủy, thành ủy "
        "(cấp ủy trực thuộc Trung ương) cho kết nạp."
    ]
