"""The admission pipeline: steps in order, each rule refused with its message, the ceremony admits."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.access.policy import OutOfScope
from xaydungdang.candidates import services as svc
from xaydungdang.candidates.choices import CandidateStatus, Step
from xaydungdang.members.choices import EventKind, MemberStatus

pytestmark = pytest.mark.django_db
D = dt.date


def errors(exc_info, field):
    return exc_info.value.message_dict[field]


@pytest.fixture
def candidate(tree, users):
    return svc.candidate_create(
        actor=users.secretary,
        organization=tree.cell_1,
        recorded_on=D(2023, 1, 5),
        full_name="Huỳnh Thị Ngọc",
        gender="female",
        birth_date=D(2000, 4, 2),
        education_level="upper_secondary",
    )


def advance(actor, candidate, step, day, **kw):
    return svc.candidate_advance(actor=actor, candidate=candidate, step=step, done_on=day, **kw)


def through_opinions(actor, candidate, members):
    advance(actor, candidate, Step.COURSE, D(2023, 3, 1), document_number="GCN 12")
    advance(actor, candidate, Step.APPLICATION, D(2023, 4, 1))
    advance(
        actor,
        candidate,
        Step.SPONSORS,
        D(2023, 4, 2),
        sponsors=[(members.hung, D(2021, 1, 1)), (members.lan, D(2022, 3, 1))],
    )
    advance(actor, candidate, Step.OPINIONS, D(2023, 4, 20))


def test_the_whole_pipeline_admits_a_probationary_member(candidate, users, members, tree):
    actor = users.secretary
    through_opinions(actor, candidate, members)
    step = advance(actor, candidate, Step.CELL_RESOLUTION, D(2023, 5, 5), document_number="05-NQ/CB", votes_for=2)
    assert (step.votes_for, step.votes_eligible) == (2, 2)
    advance(users.officer, candidate, Step.COMMITTEE_RESOLUTION, D(2023, 5, 20), document_number="10-NQ/ĐU")
    advance(
        users.officer,
        candidate,
        Step.DECISION,
        D(2023, 6, 1),
        document_number="99-QĐ/ĐU",
        issued_by="Đảng ủy phường Ninh Kiều",
    )
    advance(actor, candidate, Step.CEREMONY, D(2023, 6, 10))
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.ADMITTED
    member = candidate.member
    assert (member.status, member.organization, member.admission_decision_date, member.admission_date) == (
        MemberStatus.PROBATIONARY, tree.cell_1, D(2023, 6, 1), D(2023, 6, 10)
    )  # fmt: skip
    event = member.events.get()
    assert (event.kind, event.decision_number, event.issued_by) == (
        EventKind.ADMITTED,
        "99-QĐ/ĐU",
        "Đảng ủy phường Ninh Kiều",
    )


def test_a_step_out_of_order_is_refused_naming_the_expected_step(candidate, users):
    with pytest.raises(ValidationError) as exc:
        advance(users.secretary, candidate, Step.APPLICATION, D(2023, 3, 1))
    assert errors(exc, "step") == [
        "Chưa thể ghi bước «Đơn xin vào Đảng và lý lịch»: bước tiếp theo của quy trình kết nạp là «Học lớp bồi dưỡng nhận thức về Đảng»."
    ]


def test_dates_go_forward(candidate, users):
    with pytest.raises(ValidationError) as exc:
        advance(users.secretary, candidate, Step.COURSE, D(2022, 12, 1))
    assert errors(exc, "done_on") == ["Ngày của bước này không được trước bước trước (05/01/2023)."]


def test_sponsors_must_be_two_official_members_of_the_cell_known_for_a_year(candidate, users, members, tree):
    advance(users.secretary, candidate, Step.COURSE, D(2023, 3, 1))
    advance(users.secretary, candidate, Step.APPLICATION, D(2023, 4, 1))
    with pytest.raises(ValidationError) as exc:
        advance(
            users.secretary,
            candidate,
            Step.SPONSORS,
            D(2023, 4, 2),
            sponsors=[(members.hung, D(2022, 9, 1)), (members.hoa, D(2020, 1, 1))],
        )
    assert errors(exc, "sponsors") == [
        "Nguyễn Văn Hùng mới cùng công tác với người vào Đảng từ 01/09/2022, chưa đủ 12 tháng.",
        "Đặng Thị Hoa không sinh hoạt ở chi bộ của người vào Đảng.",
    ]
    with pytest.raises(ValidationError) as exc:
        advance(users.secretary, candidate, Step.SPONSORS, D(2023, 4, 2), sponsors=[(members.hung, D(2020, 1, 1))])
    assert errors(exc, "sponsors") == ["Phải có đúng 2 đảng viên chính thức giới thiệu."]


def test_cell_resolution_needs_two_thirds_of_official_members(candidate, users, members):
    through_opinions(users.secretary, candidate, members)
    with pytest.raises(ValidationError) as exc:
        advance(users.secretary, candidate, Step.CELL_RESOLUTION, D(2023, 5, 5), document_number="1", votes_for=1)
    assert errors(exc, "votes_for") == [
        "Nghị quyết chi bộ cần ít nhất 2/3 đảng viên chính thức tán thành (2/2); mới có 1 (QĐ 294-QĐ/TW)."
    ]
    with pytest.raises(ValidationError) as exc:
        advance(users.secretary, candidate, Step.CELL_RESOLUTION, D(2023, 5, 5), document_number="", votes_for=2)
    assert errors(exc, "document_number") == ["Phải ghi số văn bản của bước «Nghị quyết chi bộ»."]


def test_cell_resolution_refuses_a_file_older_than_12_months(candidate, users, members):
    advance(users.secretary, candidate, Step.COURSE, D(2023, 1, 6))
    advance(users.secretary, candidate, Step.APPLICATION, D(2023, 1, 7))
    advance(
        users.secretary,
        candidate,
        Step.SPONSORS,
        D(2023, 4, 2),
        sponsors=[(members.hung, D(2021, 1, 1)), (members.lan, D(2021, 1, 1))],
    )
    advance(users.secretary, candidate, Step.OPINIONS, D(2023, 4, 20))
    with pytest.raises(ValidationError) as exc:
        advance(users.secretary, candidate, Step.CELL_RESOLUTION, D(2024, 2, 1), document_number="1", votes_for=2)
    assert errors(exc, "done_on") == [
        "Đơn xin vào Đảng (07/01/2023) đã quá 12 tháng đến ngày chi bộ xét; phải làm lại thủ tục (HD 12-HD/BTCTW)."
    ]


def test_age_and_education_conditions(tree, users):
    with pytest.raises(ValidationError) as exc:
        svc.candidate_create(
            actor=users.secretary, organization=tree.cell_1, recorded_on=D(2023, 1, 5), full_name="A B",
            gender="male", birth_date=D(1960, 1, 1), education_level="primary",
        )  # fmt: skip
    assert errors(exc, "education_level") == ["Người vào Đảng phải tốt nghiệp trung học cơ sở trở lên (QĐ 294-QĐ/TW)."]
    assert errors(exc, "birth_date") == [
        "Người này đã quá 60 tuổi; chỉ xem xét kết nạp khi có quyết định của Ban Thường vụ tỉnh ủy, thành ủy (ghi ở ô quyết định cho kết nạp người trên 60 tuổi)."
    ]


def test_cell_resolution_refuses_a_candidate_under_18_in_months(tree, users, members):
    young = svc.candidate_create(
        actor=users.secretary, organization=tree.cell_1, recorded_on=D(2023, 1, 5), full_name="Trẻ Tuổi",
        gender="male", birth_date=D(2005, 5, 6), education_level="upper_secondary",
    )  # fmt: skip
    through_opinions(users.secretary, young, members)
    with pytest.raises(ValidationError) as exc:
        advance(users.secretary, young, Step.CELL_RESOLUTION, D(2023, 5, 5), document_number="1", votes_for=2)
    assert errors(exc, "birth_date") == ["Tuổi khi kết nạp (17 năm 11 tháng) chưa đủ 18 tuổi theo quy định."]


def test_grassroots_cell_skips_the_committee_resolution(tree, users):
    candidate = svc.candidate_create(
        actor=users.officer, organization=tree.village_a, recorded_on=D(2023, 1, 5), full_name="Cao Văn Tài",
        gender="male", birth_date=D(1990, 1, 1), education_level="lower_secondary",
    )  # fmt: skip
    assert Step.COMMITTEE_RESOLUTION not in svc.steps_for(candidate)


def test_late_ceremony_needs_the_upper_committees_approval(candidate, users, members):
    through_opinions(users.secretary, candidate, members)
    advance(users.secretary, candidate, Step.CELL_RESOLUTION, D(2023, 5, 5), document_number="1", votes_for=2)
    advance(users.officer, candidate, Step.COMMITTEE_RESOLUTION, D(2023, 5, 20), document_number="2")
    advance(users.officer, candidate, Step.DECISION, D(2023, 6, 1), document_number="3")
    with pytest.raises(ValidationError) as exc:
        advance(users.secretary, candidate, Step.CEREMONY, D(2023, 8, 1))
    assert errors(exc, "late_approval") == [
        "Lễ kết nạp quá hạn 30 ngày làm việc kể từ quyết định (hạn 13/07/2023); phải có văn bản đồng ý của cấp ủy "
        "cấp trên trực tiếp (QĐ 294-QĐ/TW)."
    ]
    advance(users.secretary, candidate, Step.CEREMONY, D(2023, 8, 1), late_approval="5-CV/ĐU")
    candidate.refresh_from_db()
    assert candidate.member.admission_date == D(2023, 8, 1)


def test_scope_and_stop(candidate, users):
    with pytest.raises(OutOfScope):
        advance(users.outsider, candidate, Step.COURSE, D(2023, 3, 1))
    svc.candidate_stop(actor=users.secretary, candidate=candidate, reason="Chuyển nơi ở")
    with pytest.raises(ValidationError) as exc:
        advance(users.secretary, candidate, Step.COURSE, D(2023, 3, 1))
    assert errors(exc, "step") == ["Hồ sơ này không còn đang xem xét (Dừng xem xét)."]


def test_course_certificate_is_valid_5_years():
    from xaydungdang.candidates import rules

    assert rules.course_error(D(2019, 3, 1), D(2024, 3, 1)) is None
    assert rules.course_error(D(2019, 3, 1), D(2024, 3, 2)) == (
        "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng (01/03/2019) đã hết giá trị 5 năm vào ngày chi bộ xét."
    )
