import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.access.policy import OutOfScope
from xaydungdang.members.choices import EventKind
from xaydungdang.members.models import MembershipEvent
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.reviews import services
from xaydungdang.reviews.choices import DossierStatus, Level, NotRated, TaskProgress
from xaydungdang.reviews.models import ReviewPeriod
from xaydungdang.reviews.tests.conftest import YEAR, rows_by_name


def _messages(exc) -> list[str]:
    return [str(m) for ms in exc.value.message_dict.values() for m in ms]


# --- periods ------------------------------------------------------------------------------------------
def test_officer_opens_a_year_period_with_deadlines(period, tree):
    assert (period.starts_on, period.ends_on) == (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    assert period.name == f"Đánh giá, xếp loại chất lượng năm {YEAR} — {tree.province}"
    assert {d.organization_kind: d.due_on for d in period.deadlines.all()}["cell"] == dt.date(YEAR, 12, 10)


def test_quarter_period_gets_the_quarter_dates(users, tree):
    period = services.period_open(actor=users.officer, organization=tree.province, kind="quarter", year=2025, quarter=2)
    assert (period.starts_on, period.ends_on) == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))


def test_secretary_cannot_open_a_period(users, tree):
    with pytest.raises(OutOfScope, match="Chỉ cán bộ Ban Tổ chức của Chi bộ Giáo viên 1"):
        services.period_open(actor=users.secretary, organization=tree.cell_1, year=YEAR)


def test_overlapping_period_below_is_refused(period, users, tree):
    with pytest.raises(ValidationError) as exc:
        services.period_open(actor=users.officer, organization=tree.commune_a, year=YEAR)
    assert _messages(exc) == [f"Đã có kỳ “{period}” do {tree.province} mở, trùng phạm vi và thời gian."]


def test_lock_then_reopen_keeps_the_reason_in_history(period, users):
    services.period_lock(actor=users.officer, period=period)
    with pytest.raises(ValidationError) as exc:
        services.period_reopen(actor=users.officer, period=period, reason="  ")
    assert _messages(exc) == ["Phải ghi lý do mở lại kỳ đánh giá đã khóa."]
    services.period_reopen(actor=users.officer, period=period, reason="Bổ sung kết quả chi bộ 2")
    latest = ReviewPeriod.history.filter(id=period.pk).first()
    assert (latest.is_locked, latest.history_change_reason, latest.history_user) == (
        False,
        "Bổ sung kết quả chi bộ 2",
        users.officer,
    )


def test_only_the_owner_officers_lock_and_reopen(period, users):
    for actor in (users.secretary, users.leader, users.outsider):
        with pytest.raises(OutOfScope):
            services.period_lock(actor=actor, period=period)
    services.period_lock(actor=users.officer, period=period)
    with pytest.raises(OutOfScope):
        services.period_reopen(actor=users.secretary, period=period, reason="x")


def test_locked_period_refuses_every_change(cell_dossier, period, users):
    row = cell_dossier.reviews.filter(member__isnull=False).first()
    services.period_lock(actor=users.officer, period=period)
    with pytest.raises(ValidationError) as exc:
        services.review_update(actor=users.secretary, review=row, chosen_level=Level.GOOD)
    assert _messages(exc) == [f"Kỳ đánh giá “{period}” đã khóa; không thể thay đổi kết quả."]
    with pytest.raises(ValidationError):
        services.dossier_submit(actor=users.secretary, dossier=cell_dossier)


# --- dossiers and rows --------------------------------------------------------------------------------
def test_dossier_lists_members_and_the_organization(cell_dossier, users, tree):
    rows = rows_by_name(cell_dossier)
    assert set(rows) == {"Nguyễn Văn Hùng", "Trần Thị Lan", str(tree.cell_1)}
    again = services.dossier_open(actor=users.officer, period=cell_dossier.period, organization=tree.cell_1)
    assert again.pk == cell_dossier.pk and again.reviews.count() == 3


def test_secretary_cannot_open_another_cells_dossier(period, users, tree):
    with pytest.raises(OutOfScope):
        services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_2)


def test_disciplined_and_new_members_are_handled_from_the_registry(period, users, tree, members):
    MembershipEvent.objects.create(
        member=members.lan, kind=EventKind.DISCIPLINED, effective_date=dt.date(YEAR, 5, 12), data={"form": "reprimand"}
    )
    MemberFactory(
        organization=tree.cell_1,
        full_name="Võ Thị Mới",
        admission_date=dt.date(YEAR, 9, 1),
        admission_decision_date=dt.date(YEAR, 8, 20),
        official_date=None,
    )
    dossier = services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    rows = rows_by_name(dossier)
    assert (rows["Trần Thị Lan"].disciplined, rows["Trần Thị Lan"].discipline_note) == (True, "Khiển trách 12/05/2024")
    assert rows["Trần Thị Lan"].level == Level.FAILED
    assert rows["Võ Thị Mới"].not_rated == NotRated.NEW_MEMBER and rows["Võ Thị Mới"].level == ""


def test_row_update_sums_group_scores_and_explains(cell_dossier, users):
    row = rows_by_name(cell_dossier)["Nguyễn Văn Hùng"]
    row = services.review_update(
        actor=users.secretary,
        review=row,
        scores={"general": "28", "results": "64,5"},
        task_progress=TaskProgress.EXCEEDED,
    )
    assert row.score == Decimal("92.5")
    assert row.level == row.proposed_level == Level.EXCELLENT
    assert row.reasons[0].startswith("Tổng điểm 92,5: đạt điểm mức “Hoàn thành xuất sắc nhiệm vụ”")
    assert row.history.first().history_user == users.secretary


def test_group_score_above_its_weight_is_refused(cell_dossier, users):
    row = rows_by_name(cell_dossier)["Nguyễn Văn Hùng"]
    with pytest.raises(ValidationError) as exc:
        services.review_update(actor=users.secretary, review=row, scores={"general": "31"})
    assert _messages(exc) == [
        "Điểm nhóm “Tiêu chí chung: chính trị, đạo đức, lối sống, nêu gương, tự phê bình” phải từ 0 đến 30."
    ]


def _rate(dossier, actor, levels: dict):
    rows = rows_by_name(dossier)
    for name, level in levels.items():
        services.review_update(actor=actor, review=rows[name], chosen_level=level, task_progress=TaskProgress.EXCEEDED)


def test_submit_is_refused_with_the_quota_violation_naming_members(cell_dossier, users, tree):
    _rate(
        cell_dossier,
        users.secretary,
        {"Nguyễn Văn Hùng": Level.EXCELLENT, "Trần Thị Lan": Level.GOOD, str(tree.cell_1): Level.GOOD},
    )
    with pytest.raises(ValidationError) as exc:
        services.dossier_submit(actor=users.secretary, dossier=cell_dossier)
    assert _messages(exc) == [
        f"{tree.school}: 1 đảng viên hoàn thành xuất sắc nhiệm vụ (Nguyễn Văn Hùng), vượt quá 0 = 20% của 2 đảng viên "
        "hoàn thành tốt nhiệm vụ trở lên (HD 21-HD/BTCTW, tỷ lệ xuất sắc)."
    ]
    _rate(cell_dossier, users.secretary, {"Nguyễn Văn Hùng": Level.GOOD})
    assert services.dossier_submit(actor=users.secretary, dossier=cell_dossier).status == DossierStatus.SUBMITTED


def test_submit_lists_unrated_members(cell_dossier, users, tree):
    with pytest.raises(ValidationError) as exc:
        services.dossier_submit(actor=users.secretary, dossier=cell_dossier)
    assert "Nguyễn Văn Hùng: chưa xếp loại; hãy nhập điểm hoặc chọn mức xếp loại." in _messages(exc)


def test_the_grassroots_committee_approves_or_returns(cell_dossier, users, tree):
    _rate(
        cell_dossier,
        users.secretary,
        {"Nguyễn Văn Hùng": Level.GOOD, "Trần Thị Lan": Level.GOOD, str(tree.cell_1): Level.GOOD},
    )
    services.dossier_submit(actor=users.secretary, dossier=cell_dossier)
    with pytest.raises(OutOfScope, match="do Đảng bộ Trường THPT Châu Văn Liêm xem xét"):
        services.dossier_approve(actor=users.secretary, dossier=cell_dossier)
    with pytest.raises(OutOfScope):
        services.dossier_approve(actor=users.outsider, dossier=cell_dossier)
    with pytest.raises(ValidationError) as exc:
        services.dossier_return(actor=users.officer, dossier=cell_dossier, comment="")
    assert _messages(exc) == ["Phải ghi ý kiến khi trả lại hồ sơ."]
    returned = services.dossier_return(actor=users.officer, dossier=cell_dossier, comment="Xem lại đồng chí Lan")
    assert (returned.status, returned.comment) == (DossierStatus.RETURNED, "Xem lại đồng chí Lan")
    services.dossier_submit(actor=users.secretary, dossier=cell_dossier)
    assert services.dossier_approve(actor=users.officer, dossier=cell_dossier).status == DossierStatus.APPROVED
    with pytest.raises(ValidationError) as exc:
        services.review_update(actor=users.secretary, review=cell_dossier.reviews.first(), chosen_level=Level.COMPLETED)
    assert _messages(exc) == ["Hồ sơ đang ở trạng thái “Đã duyệt”; không thể sửa."]


# --- a discipline counts once across years ------------------------------------------------------------
def _discipline(member, day: dt.date) -> None:
    MembershipEvent.objects.create(
        member=member, kind=EventKind.DISCIPLINED, effective_date=day, data={"form": "warning"}
    )


def test_a_discipline_caps_its_own_year_only(period, users, tree, members):
    _discipline(members.lan, dt.date(YEAR, 12, 10))
    this_year = rows_by_name(services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1))
    assert (this_year["Trần Thị Lan"].disciplined, this_year["Trần Thị Lan"].level) == (True, Level.FAILED)
    # The next year is opened from 01/12 of this one, so its dates hold the same discipline: it counted already.
    next_period = services.period_open(
        actor=users.officer, organization=tree.province, year=YEAR + 1, starts_on=dt.date(YEAR, 12, 1)
    )
    next_year = rows_by_name(services.dossier_open(actor=users.secretary, period=next_period, organization=tree.cell_1))
    lan = next_year["Trần Thị Lan"]
    assert (lan.disciplined, lan.discipline_note, lan.level) == (False, "", "")
    # Entering the row re-reads the registry and still does not count it.
    lan = services.review_update(actor=users.secretary, review=lan, chosen_level=Level.GOOD)
    assert (lan.disciplined, lan.level) == (False, Level.GOOD)


def test_a_discipline_in_the_overlap_counts_once_when_the_earlier_year_was_not_reviewed(users, tree, members):
    _discipline(members.lan, dt.date(YEAR, 12, 10))
    period = services.period_open(
        actor=users.officer, organization=tree.province, year=YEAR + 1, starts_on=dt.date(YEAR, 12, 1)
    )
    lan = rows_by_name(services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1))[
        "Trần Thị Lan"
    ]
    assert (lan.disciplined, lan.discipline_note) == (True, f"Cảnh cáo 10/12/{YEAR}")


def test_a_later_discipline_caps_the_later_year(period, users, tree, members):
    services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    _discipline(members.lan, dt.date(YEAR + 1, 3, 2))
    next_period = services.period_open(actor=users.officer, organization=tree.province, year=YEAR + 1)
    lan = rows_by_name(services.dossier_open(actor=users.secretary, period=next_period, organization=tree.cell_1))[
        "Trần Thị Lan"
    ]
    assert (lan.disciplined, lan.level) == (True, Level.FAILED)
    earlier = rows_by_name(services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1))
    assert earlier["Trần Thị Lan"].disciplined is False


# --- the approver overrides one level -----------------------------------------------------------------
def _submitted(cell_dossier, users, tree, levels: dict | None = None):
    levels = levels or {"Nguyễn Văn Hùng": Level.GOOD, "Trần Thị Lan": Level.GOOD, str(tree.cell_1): Level.GOOD}
    _rate(cell_dossier, users.secretary, levels)
    return services.dossier_submit(actor=users.secretary, dossier=cell_dossier)


def test_approver_overrides_one_level_with_a_reason_kept_in_history(cell_dossier, users, tree):
    _submitted(cell_dossier, users, tree)
    lan = rows_by_name(cell_dossier)["Trần Thị Lan"]
    lan = services.review_override(
        actor=users.officer, review=lan, level=Level.COMPLETED, reason="Chưa hoàn thành chỉ tiêu phát triển đảng viên"
    )
    assert (lan.level, lan.chosen_level, lan.override_reason) == (
        Level.COMPLETED,
        Level.COMPLETED,
        "Chưa hoàn thành chỉ tiêu phát triển đảng viên",
    )
    latest = lan.history.first()
    assert latest.history_user == users.officer
    assert (
        latest.history_change_reason
        == (
            "Cấp trên điều chỉnh từ “Hoàn thành tốt nhiệm vụ” thành “Hoàn thành nhiệm vụ”: "
            "Chưa hoàn thành chỉ tiêu phát triển đảng viên"
        )[:99]
        + "…"
    )
    assert latest.override_reason == "Chưa hoàn thành chỉ tiêu phát triển đảng viên"
    cell_dossier.refresh_from_db()
    assert cell_dossier.status == DossierStatus.SUBMITTED  # not returned: the approver goes on and approves
    assert services.dossier_approve(actor=users.officer, dossier=cell_dossier).status == DossierStatus.APPROVED


def test_override_needs_a_reason_and_a_different_level(cell_dossier, users, tree):
    _submitted(cell_dossier, users, tree)
    lan = rows_by_name(cell_dossier)["Trần Thị Lan"]
    with pytest.raises(ValidationError) as exc:
        services.review_override(actor=users.officer, review=lan, level=Level.COMPLETED, reason="  ")
    assert _messages(exc) == ["Phải ghi lý do khi cấp trên điều chỉnh mức xếp loại."]
    with pytest.raises(ValidationError) as exc:
        services.review_override(actor=users.officer, review=lan, level=Level.GOOD, reason="Giữ nguyên")
    assert _messages(exc) == ["Trần Thị Lan đang ở mức “Hoàn thành tốt nhiệm vụ”; không có gì để điều chỉnh."]


def test_only_the_deciding_level_overrides_and_only_a_submitted_dossier(cell_dossier, users, tree):
    lan = rows_by_name(cell_dossier)["Trần Thị Lan"]
    _rate(cell_dossier, users.secretary, {"Nguyễn Văn Hùng": Level.GOOD, "Trần Thị Lan": Level.GOOD})
    with pytest.raises(ValidationError) as exc:
        services.review_override(actor=users.officer, review=lan, level=Level.COMPLETED, reason="Sớm quá")
    assert _messages(exc) == ["Chỉ duyệt hoặc trả lại hồ sơ đã trình."]
    _rate(cell_dossier, users.secretary, {str(tree.cell_1): Level.GOOD})
    services.dossier_submit(actor=users.secretary, dossier=cell_dossier)
    for actor in (users.secretary, users.leader, users.outsider):
        with pytest.raises(OutOfScope):
            services.review_override(actor=actor, review=lan, level=Level.COMPLETED, reason="Không có quyền")
    lan.refresh_from_db()
    assert lan.level == Level.GOOD


def test_override_respects_the_rows_conditions(cell_dossier, users, tree):
    _rate(cell_dossier, users.secretary, {"Nguyễn Văn Hùng": Level.GOOD, str(tree.cell_1): Level.GOOD})
    lan = rows_by_name(cell_dossier)["Trần Thị Lan"]
    lan = services.review_update(
        actor=users.secretary, review=lan, chosen_level=Level.GOOD, task_progress=TaskProgress.ON_TIME
    )
    services.dossier_submit(actor=users.secretary, dossier=cell_dossier)
    with pytest.raises(ValidationError) as exc:
        services.review_override(actor=users.officer, review=lan, level=Level.EXCELLENT, reason="Tiêu biểu")
    assert _messages(exc) == [
        "Trần Thị Lan: mức “Hoàn thành xuất sắc nhiệm vụ” cao hơn mức tối đa “Hoàn thành tốt nhiệm vụ” mà điều kiện "
        "cho phép (chưa có ít nhất 30% nhiệm vụ hoàn thành vượt mức)."
    ]


def test_override_rechecks_the_quota_and_changes_nothing_when_broken(period, users, tree):
    # Five members: one excellent, four good → 20% of 5 = 1 allowed. Lowering a good one leaves a base of 4,
    # which allows none: the quota is re-checked over the group and the change is refused.
    MemberFactory.create_batch(3, organization=tree.cell_1)
    dossier = services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    rows = list(dossier.reviews.select_related("member").order_by("id"))
    members = [r for r in rows if r.member_id]
    for row in rows:
        level = Level.EXCELLENT if row == members[0] else Level.GOOD
        services.review_update(
            actor=users.secretary, review=row, chosen_level=level, task_progress=TaskProgress.EXCEEDED
        )
    services.dossier_submit(actor=users.secretary, dossier=dossier)
    target = members[1]
    with pytest.raises(ValidationError) as exc:
        services.review_override(actor=users.officer, review=target, level=Level.COMPLETED, reason="Chậm nộp báo cáo")
    assert _messages(exc) == [
        f"{tree.school}: 1 đảng viên hoàn thành xuất sắc nhiệm vụ ({members[0].member.full_name}), vượt quá 0 = 20% "
        "của 4 đảng viên hoàn thành tốt nhiệm vụ trở lên (HD 21-HD/BTCTW, tỷ lệ xuất sắc)."
    ]
    target.refresh_from_db()
    assert (target.level, target.override_reason, target.history.count()) == (Level.GOOD, "", 2)
    # Lowering the excellent one instead keeps the quota: accepted.
    first = services.review_override(actor=users.officer, review=members[0], level=Level.GOOD, reason="Chưa tiêu biểu")
    assert first.level == Level.GOOD


def test_override_of_a_not_rated_row_is_refused(period, users, tree):
    MemberFactory(
        organization=tree.cell_1,
        full_name="Võ Thị Mới",
        admission_date=dt.date(YEAR, 9, 1),
        admission_decision_date=dt.date(YEAR, 8, 20),
        official_date=None,
    )
    dossier = services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    _submitted(dossier, users, tree)
    new = rows_by_name(dossier)["Võ Thị Mới"]
    with pytest.raises(ValidationError) as exc:
        services.review_override(actor=users.officer, review=new, level=Level.GOOD, reason="Thử")
    assert _messages(exc) == ["Võ Thị Mới không xếp loại trong kỳ; không thể điều chỉnh mức."]


def test_quota_of_a_grassroots_cell_is_read_from_its_loaded_rows(period, users, tree, django_assert_num_queries):
    from xaydungdang.reviews import rules, selectors

    MemberFactory.create_batch(4, organization=tree.village_a)
    dossier = services.dossier_open(actor=users.officer, period=period, organization=tree.village_a)
    rows = list(dossier.reviews.select_related("member", "organization").order_by("id"))
    for row in rows:
        level = Level.EXCELLENT if row in (rows[0], rows[-1]) else Level.GOOD  # rows[-1]: the cell's own row
        services.review_update(actor=users.officer, review=row, chosen_level=level, task_progress=TaskProgress.EXCEEDED)
    rows = list(dossier.reviews.select_related("member", "organization"))
    params = rules.Params.on(period.ends_on)
    with django_assert_num_queries(0):
        from_rows = selectors.quota_state(dossier, params, rows=rows)
    assert from_rows == selectors.quota_state(dossier, params)
    assert (from_rows.quota.excellent, from_rows.quota.allowed, from_rows.outstanding_unit) == (1, 1, True)


def test_the_quota_message_counts_but_does_not_name_members_of_other_organizations(cell_dossier, users, tree):
    other = services.dossier_open(actor=users.officer, period=cell_dossier.period, organization=tree.cell_2)
    _rate(other, users.officer, {"Đặng Thị Hoa": Level.EXCELLENT})
    _rate(cell_dossier, users.secretary, {"Nguyễn Văn Hùng": Level.EXCELLENT, "Trần Thị Lan": Level.GOOD})
    with pytest.raises(ValidationError) as exc:
        services.dossier_submit(actor=users.secretary, dossier=cell_dossier)
    (message,) = [m for m in _messages(exc) if "hoàn thành xuất sắc" in m]
    assert "(Nguyễn Văn Hùng, 1 đảng viên ở các tổ chức khác)" in message
    assert "Đặng Thị Hoa" not in message


def test_the_system_opens_a_period_with_no_user_behind_it(tree):
    """The demo seed and jobs open periods as the SYSTEM actor: `opened_by` stays empty (it failed full_clean)."""
    from xaydungdang.access.policy import SYSTEM

    period = services.period_open(actor=SYSTEM, organization=tree.province, year=YEAR + 1)
    assert ReviewPeriod.objects.get(pk=period.pk).opened_by is None
