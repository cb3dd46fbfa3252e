import datetime as dt
from decimal import Decimal

import pytest

from xaydungdang.core.models import RuleSetting
from xaydungdang.reviews import rules
from xaydungdang.reviews.choices import Level, NotRated, Subject, TaskProgress
from xaydungdang.reviews.rules import Facts


@pytest.mark.parametrize(
    ("score", "level"),
    [
        ("100", "excellent"),
        ("90", "excellent"),
        ("89.99", "good"),
        ("70", "good"),
        ("69.5", "completed"),
        ("50", "completed"),
        ("49.99", "failed"),
        ("0", "failed"),
    ],
)
def test_score_bands_follow_qd366_thresholds(db, score, level):
    assert rules.score_band(Decimal(score)) == level


def test_excellent_needs_score_and_exceeded_tasks(db):
    proposal = rules.propose(Facts(score=Decimal(95), task_progress=TaskProgress.EXCEEDED))
    assert proposal.level == Level.EXCELLENT
    assert (
        proposal.reasons[0]
        == "Tổng điểm 95: đạt điểm mức “Hoàn thành xuất sắc nhiệm vụ” (QĐ 366-QĐ/TW 30/8/2025 Điều 11)."
    )
    assert proposal.reasons[-1] == "Đề xuất: “Hoàn thành xuất sắc nhiệm vụ”."


@pytest.mark.parametrize(
    ("facts", "level", "reason"),
    [
        (
            Facts(score=Decimal(95), task_progress=TaskProgress.ON_TIME),
            Level.GOOD,
            "chưa có ít nhất 30% nhiệm vụ hoàn thành vượt mức",
        ),
        (
            Facts(score=Decimal(95), task_progress=TaskProgress.SOME_LATE),
            Level.COMPLETED,
            "có nhiệm vụ chậm tiến độ (không quá 20%)",
        ),
        (
            Facts(score=Decimal(95), task_progress=TaskProgress.NOT_DONE),
            Level.FAILED,
            "không hoàn thành nhiệm vụ được giao hoặc chậm quá 20%",
        ),
        (
            Facts(score=Decimal(95), task_progress=TaskProgress.EXCEEDED, shortcomings_fixed=False),
            Level.GOOD,
            "chưa khắc phục hết hạn chế, khuyết điểm đã được chỉ ra",
        ),
        (
            Facts(score=Decimal(95), task_progress=TaskProgress.EXCEEDED, sick_leave_months=3),
            Level.COMPLETED,
            "nghỉ ốm 3 tháng trong kỳ (từ 3 tháng trở lên)",
        ),
        (
            Facts(
                score=Decimal(95),
                task_progress=TaskProgress.EXCEEDED,
                disciplined=True,
                discipline_note="Khiển trách 12/05/2024",
            ),
            Level.FAILED,
            "bị kỷ luật trong kỳ đánh giá (Khiển trách 12/05/2024)",
        ),
        (
            Facts(score=Decimal(95), task_progress=TaskProgress.EXCEEDED, serious_violation=True),
            Level.FAILED,
            "suy thoái về tư tưởng chính trị, đạo đức, lối sống hoặc vi phạm điều đảng viên không được làm",
        ),
        (
            Facts(
                subject=Subject.ORGANIZATION,
                score=Decimal(95),
                task_progress=TaskProgress.EXCEEDED,
                unit_disciplined=True,
            ),
            Level.GOOD,
            "có đơn vị trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật",
        ),
    ],
)
def test_each_condition_caps_the_level_and_says_why(db, facts, level, reason):
    proposal = rules.propose(facts)
    assert proposal.level == level
    assert proposal.ceiling == level
    assert f"Tối đa “{Level(level).label}”: {reason}." in proposal.reasons


def test_sick_leave_below_limit_does_not_cap(db):
    assert (
        rules.propose(Facts(score=Decimal(95), task_progress=TaskProgress.EXCEEDED, sick_leave_months=2)).level
        == Level.EXCELLENT
    )


def test_score_band_lower_than_cap_wins(db):
    assert rules.propose(Facts(score=Decimal(60), task_progress=TaskProgress.EXCEEDED)).level == Level.COMPLETED


def test_no_score_proposes_nothing_unless_forced(db):
    assert rules.propose(Facts()).level is None
    assert rules.propose(Facts()).reasons[0] == "Chưa có điểm: hãy nhập điểm hoặc chọn mức xếp loại."
    assert rules.propose(Facts(disciplined=True)).level == Level.FAILED


def test_not_rated_has_no_level(db):
    proposal = rules.propose(Facts(score=Decimal(95), not_rated=NotRated.NEW_MEMBER))
    assert proposal.level is None
    assert proposal.reasons == ("Không xếp loại: Mới kết nạp, chưa đủ thời gian xếp loại.",)


def test_discipline_level_is_a_parameter(db):
    RuleSetting.objects.create(
        key="reviews.discipline_max_level", value="completed", legal_basis="thử", valid_from=dt.date(2000, 1, 1)
    )
    assert rules.propose(Facts(score=Decimal(80), disciplined=True)).level == Level.COMPLETED


# --- level checks ---------------------------------------------------------------------------------
def test_level_above_score_band_is_refused(db):
    proposal = rules.propose(Facts(score=Decimal(85), task_progress=TaskProgress.EXCEEDED))
    errors = rules.level_errors(name="Trần Thị Lan", chosen=Level.EXCELLENT, proposal=proposal, score=Decimal(85))
    assert errors == [
        "Trần Thị Lan: tổng điểm 85 chỉ đạt mức “Hoàn thành tốt nhiệm vụ”, không thể xếp “Hoàn thành xuất sắc nhiệm vụ” (QĐ 366-QĐ/TW 30/8/2025 Điều 11)."
    ]


def test_level_above_ceiling_is_refused_naming_the_condition(db):
    proposal = rules.propose(Facts(disciplined=True, discipline_note="Cảnh cáo 01/03/2024"))
    errors = rules.level_errors(name="Lê Văn Nam", chosen=Level.GOOD, proposal=proposal, score=None)
    assert errors == [
        "Lê Văn Nam: mức “Hoàn thành tốt nhiệm vụ” cao hơn mức tối đa “Không hoàn thành nhiệm vụ” mà điều kiện cho phép "
        "(bị kỷ luật trong kỳ đánh giá (Cảnh cáo 01/03/2024))."
    ]


def test_lower_level_than_proposed_is_allowed(db):
    proposal = rules.propose(Facts(score=Decimal(95), task_progress=TaskProgress.EXCEEDED))
    assert rules.level_errors(name="A", chosen=Level.COMPLETED, proposal=proposal, score=Decimal(95)) == []


def test_missing_level_and_level_for_not_rated(db):
    assert rules.level_errors(name="A", chosen=None, proposal=rules.propose(Facts()), score=None) == [
        "A: chưa xếp loại; hãy nhập điểm hoặc chọn mức xếp loại."
    ]
    not_rated = rules.propose(Facts(not_rated=NotRated.EXEMPTED))
    assert rules.level_errors(name="B", chosen=Level.GOOD, proposal=not_rated, score=None) == [
        "B: Không xếp loại: Miễn công tác và sinh hoạt đảng. Hãy để trống mức xếp loại."
    ]


# --- quota ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("excellent", "good", "allowed"),
    [(0, 0, 0), (1, 0, 0), (0, 4, 0), (1, 4, 1), (1, 3, 0), (0, 5, 1), (2, 8, 2), (2, 7, 1), (3, 12, 3), (1, 9, 2)],
)
def test_quota_is_rounded_down_on_good_plus_excellent(db, excellent, good, allowed):
    quota = rules.excellent_quota(excellent=excellent, good=good)
    assert quota.base == excellent + good
    assert quota.allowed == allowed
    assert quota.ok == (excellent <= allowed)


def test_small_group_cannot_have_excellent_and_zero_group_is_zero(db):
    assert not rules.excellent_quota(excellent=1, good=2).ok
    assert rules.excellent_quota(excellent=0, good=0).ok


def test_quota_base_without_excellent_is_a_parameter(db):
    RuleSetting.objects.create(
        key="reviews.excellent_quota_base_includes_excellent",
        value=False,
        legal_basis="thử",
        valid_from=dt.date(2000, 1, 1),
    )
    quota = rules.excellent_quota(excellent=1, good=4)
    assert (quota.base, quota.allowed, quota.ok) == (4, 0, False)


def test_quota_percent_with_decimals_rounds_down(db):
    RuleSetting.objects.create(
        key="reviews.excellent_quota_percent", value=15, legal_basis="thử", valid_from=dt.date(2000, 1, 1)
    )
    assert rules.excellent_quota(excellent=0, good=20).allowed == 3  # 3,0
    assert rules.excellent_quota(excellent=0, good=13).allowed == 1  # 1,95
    assert rules.excellent_quota(excellent=0, good=7).allowed == 1  # 1,05


def test_outstanding_unit_uses_its_own_percent(db):
    RuleSetting.objects.create(
        key="reviews.excellent_quota_percent_outstanding_unit",
        value=30,
        legal_basis="thử",
        valid_from=dt.date(2000, 1, 1),
    )
    assert rules.excellent_quota(excellent=3, good=7, outstanding_unit=True).ok
    assert not rules.excellent_quota(excellent=3, good=7).ok


def test_quota_message_names_members_and_rule(db):
    quota = rules.excellent_quota(excellent=2, good=3)
    assert rules.quota_message(quota, group="Chi bộ 1", names=["Nguyễn Văn Hùng", "Trần Thị Lan"]) == (
        "Chi bộ 1: 2 đảng viên hoàn thành xuất sắc nhiệm vụ (Nguyễn Văn Hùng, Trần Thị Lan), vượt quá 1 = 20% của 5 "
        "đảng viên hoàn thành tốt nhiệm vụ trở lên (HD 21-HD/BTCTW, tỷ lệ xuất sắc)."
    )


# --- who is rated -----------------------------------------------------------------------------------
YEAR_START, YEAR_END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    ("admitted", "expected"),
    [
        (dt.date(2023, 12, 1), ""),
        (dt.date(2024, 7, 1), ""),
        (dt.date(2024, 7, 2), NotRated.NEW_MEMBER),
        (dt.date(2024, 12, 1), NotRated.NEW_MEMBER),
    ],
)
def test_member_admitted_late_in_the_year_is_not_rated(db, admitted, expected):
    assert (
        rules.member_not_rated(admission_date=admitted, is_exempted=False, start=YEAR_START, end=YEAR_END) == expected
    )


def test_quarter_asks_a_whole_quarter_of_membership(db):
    start, end = dt.date(2024, 4, 1), dt.date(2024, 6, 30)
    assert rules.member_not_rated(admission_date=dt.date(2024, 3, 31), is_exempted=False, start=start, end=end) == ""
    assert (
        rules.member_not_rated(admission_date=dt.date(2024, 4, 2), is_exempted=False, start=start, end=end)
        == NotRated.NEW_MEMBER
    )


def test_exempted_member_is_not_rated_unless_the_deployment_says_so(db):
    assert (
        rules.member_not_rated(admission_date=None, is_exempted=True, start=YEAR_START, end=YEAR_END)
        == NotRated.EXEMPTED
    )
    RuleSetting.objects.create(
        key="reviews.rate_exempted_members", value=True, legal_basis="thử", valid_from=dt.date(2000, 1, 1)
    )
    assert rules.member_not_rated(admission_date=None, is_exempted=True, start=YEAR_START, end=YEAR_END) == ""


def test_new_organization_is_not_rated(db):
    assert (
        rules.organization_not_rated(founded_on=dt.date(2024, 9, 1), start=YEAR_START, end=YEAR_END)
        == NotRated.NEW_ORGANIZATION
    )
    assert rules.organization_not_rated(founded_on=dt.date(2020, 9, 1), start=YEAR_START, end=YEAR_END) == ""


# --- who rates whom ---------------------------------------------------------------------------------
def test_approving_organization_follows_hd25(tree):
    assert rules.approving_organization(tree.cell_1) == tree.school  # chi bộ trực thuộc → đảng ủy cơ sở
    assert rules.approving_organization(tree.school) == tree.commune_a  # TCCSĐ → cấp trên trực tiếp
    assert rules.approving_organization(tree.village_a) == tree.commune_a
    assert rules.approving_organization(tree.commune_a) == tree.province
    assert rules.approving_organization(tree.province) is None


def test_quota_counts_in_the_grassroots_organization(tree):
    assert rules.quota_organization(tree.cell_1) == tree.school
    assert rules.quota_organization(tree.village_a) == tree.village_a
    RuleSetting.objects.create(
        key="reviews.excellent_quota_scope", value="dossier", legal_basis="thử", valid_from=dt.date(2000, 1, 1)
    )
    assert rules.quota_organization(tree.cell_1) == tree.cell_1


def test_points_are_written_the_vietnamese_way():
    assert rules.format_points(Decimal("87.50")) == "87,5"
    assert rules.format_points(Decimal("90.00")) == "90"


# --- discipline counts once (rules.md §2.1: "discipline ... in the year") ------------------------------
YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize(
    ("day", "counted", "expected"),
    [
        (dt.date(2025, 5, 12), [], True),  # in the year rated
        (dt.date(2024, 12, 20), [], False),  # the year before: it capped that year, not this one
        (dt.date(2026, 1, 5), [], False),  # the year after
        # 2025 opened from 01/12/2024: a discipline of 10/12/2024 already capped the 2024 rating.
        (dt.date(2024, 12, 10), [(dt.date(2024, 1, 1), dt.date(2024, 12, 31))], False),
        (dt.date(2025, 3, 1), [(dt.date(2024, 1, 1), dt.date(2024, 12, 31))], True),
    ],
)
def test_a_discipline_caps_the_period_that_holds_it_and_only_once(day, counted, expected):
    window = (dt.date(2024, 12, 1), YEAR_2025[1]) if counted else YEAR_2025
    assert rules.discipline_counts(day, window=window, counted=counted) is expected


def test_approver_and_quota_group_of_children_need_no_query_when_ancestors_are_known(tree, django_assert_num_queries):
    ancestors = [tree.province, tree.commune_a, tree.school]
    with django_assert_num_queries(0):
        assert rules.approving_organization(tree.cell_1, ancestors) == tree.school
        params = rules.Params({"reviews.excellent_quota_scope": "grassroots"})
        assert rules.quota_organization(tree.cell_1, params, ancestors) == tree.school
