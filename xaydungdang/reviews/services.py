"""Writes of the review: periods, dossiers, ratings, approval. Each re-checks scope inside its transaction."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OutOfScope, policy_for
from xaydungdang.core.history import acting_user, save_with_history
from xaydungdang.reviews import rules
from xaydungdang.reviews.choices import EDITABLE_DOSSIER_STATUSES, DossierStatus, Level, PeriodKind
from xaydungdang.reviews.models import CriteriaGroup, Dossier, PeriodDeadline, Review, ReviewPeriod
from xaydungdang.reviews.subjects import discipline_notes, facts_for, member_rows, organization_row
from xaydungdang.reviews.tally import tally_dossier_approved, tally_key, tally_row_changed, tally_rows_added

PERIOD_LOCKED = _("Kỳ đánh giá “%(period)s” đã khóa; không thể thay đổi kết quả.")
PERIOD_ALREADY_LOCKED = _("Kỳ đánh giá đã khóa.")
PERIOD_NOT_LOCKED = _("Kỳ đánh giá đang mở, không cần mở lại.")
REOPEN_REASON_REQUIRED = _("Phải ghi lý do mở lại kỳ đánh giá đã khóa.")
ONLY_OWNER_OFFICERS = _("Chỉ cán bộ Ban Tổ chức của %(org)s mới được mở, khóa hoặc mở lại kỳ đánh giá này.")
PERIOD_OVERLAP = _("Đã có kỳ “%(period)s” do %(org)s mở, trùng phạm vi và thời gian.")
PERIOD_DATES_REQUIRED = _("Kỳ theo nhiệm kỳ phải có ngày bắt đầu và ngày kết thúc.")
OUTSIDE_PERIOD = _("%(org)s không thuộc phạm vi kỳ đánh giá “%(period)s”.")
DOSSIER_NOT_EDITABLE = _("Hồ sơ đang ở trạng thái “%(status)s”; không thể sửa.")
DOSSIER_NOT_SUBMITTED = _("Chỉ duyệt hoặc trả lại hồ sơ đã trình.")
RETURN_COMMENT_REQUIRED = _("Phải ghi ý kiến khi trả lại hồ sơ.")
NOT_APPROVER = _("Hồ sơ của %(org)s do %(approver)s xem xét, quyết định.")
SCORE_NOT_NUMBER = _("Điểm phải là một số.")
OVERRIDE_REASON_REQUIRED = _("Phải ghi lý do khi cấp trên điều chỉnh mức xếp loại.")
OVERRIDE_LEVEL_REQUIRED = _("Hãy chọn mức xếp loại mới.")
OVERRIDE_SAME_LEVEL = _("%(name)s đang ở mức “%(level)s”; không có gì để điều chỉnh.")
OVERRIDE_NOT_RATED = _("%(name)s không xếp loại trong kỳ; không thể điều chỉnh mức.")
OVERRIDE_DONE = _("Cấp trên điều chỉnh từ “%(old)s” thành “%(new)s”: %(reason)s")


def _save(obj, *, actor, reason: str) -> None:
    save_with_history(obj, actor=actor, reason=reason)


def _require_officer_of(actor, organization) -> None:
    """Periods belong to the organization that opened them: its officers (Ban Tổ chức) or an administrator."""
    policy_for(actor).require_review_officer_of(organization, ONLY_OWNER_OFFICERS % {"org": organization})


# --- periods ------------------------------------------------------------------------------------------
def _default_dates(kind: str, year: int, quarter: int | None) -> tuple[dt.date | None, dt.date | None]:
    if kind == PeriodKind.YEAR:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind == PeriodKind.QUARTER and quarter in (1, 2, 3, 4):
        start = dt.date(year, 3 * quarter - 2, 1)
        end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
        return start, end - dt.timedelta(days=1)
    return None, None


def _default_name(kind: str, year: int, quarter: int | None, term_label: str, organization) -> str:
    if kind == PeriodKind.QUARTER:
        return _("Đánh giá quý %(q)s năm %(y)s — %(org)s") % {"q": quarter, "y": year, "org": organization}
    if kind == PeriodKind.TERM:
        return _("Đánh giá nhiệm kỳ %(t)s — %(org)s") % {"t": term_label, "org": organization}
    return _("Đánh giá, xếp loại chất lượng năm %(y)s — %(org)s") % {"y": year, "org": organization}


def _check_overlap(period: ReviewPeriod) -> None:
    """Two periods of the same kind and time may not cover the same organizations."""
    from xaydungdang.reviews.querysets import ancestor_paths

    clash = ReviewPeriod.objects.filter(
        kind=period.kind, year=period.year, quarter=period.quarter, term_label=period.term_label
    ).filter(organization__path__in=ancestor_paths(period.organization.path)) | ReviewPeriod.objects.filter(
        kind=period.kind,
        year=period.year,
        quarter=period.quarter,
        term_label=period.term_label,
        organization__path__startswith=period.organization.path,
    )
    other = clash.exclude(pk=period.pk).select_related("organization").first()
    if other:
        raise ValidationError({"year": [PERIOD_OVERLAP % {"period": other, "org": other.organization}]})


@transaction.atomic
def period_open(
    *,
    actor,
    organization,
    kind: str = PeriodKind.YEAR,
    year: int,
    quarter: int | None = None,
    term_label: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    name: str = "",
    deadlines: dict[str, dt.date] | None = None,
) -> ReviewPeriod:
    """Open a review period for `organization` and its subtree, with the submission deadline of each level."""
    _require_officer_of(actor, organization)
    default_start, default_end = _default_dates(kind, year, quarter)
    starts_on, ends_on = starts_on or default_start, ends_on or default_end
    if not (starts_on and ends_on):
        raise ValidationError({"starts_on": [PERIOD_DATES_REQUIRED]})
    period = ReviewPeriod(
        organization=organization,
        kind=kind,
        year=year,
        quarter=quarter if kind == PeriodKind.QUARTER else None,
        term_label=term_label if kind == PeriodKind.TERM else "",
        starts_on=starts_on,
        ends_on=ends_on,
        opened_by=acting_user(actor),
        name=name or _default_name(kind, year, quarter, term_label, organization),
    )
    period.full_clean()
    _check_overlap(period)
    _save(period, actor=actor, reason=_("Mở kỳ đánh giá"))
    PeriodDeadline.objects.bulk_create(
        PeriodDeadline(period=period, organization_kind=kind_, due_on=due) for kind_, due in (deadlines or {}).items()
    )
    return period


@transaction.atomic
def period_lock(*, actor, period: ReviewPeriod, reason: str = "") -> ReviewPeriod:
    """Close the period: from now on no rating, submission or approval changes in it."""
    period = ReviewPeriod.objects.select_for_update().select_related("organization").get(pk=period.pk)
    _require_officer_of(actor, period.organization)
    if period.is_locked:
        raise ValidationError({"period": [PERIOD_ALREADY_LOCKED]})
    period.is_locked, period.locked_at = True, timezone.now()
    _save(period, actor=actor, reason=reason or _("Khóa kỳ đánh giá"))
    return period


@transaction.atomic
def period_reopen(*, actor, period: ReviewPeriod, reason: str) -> ReviewPeriod:
    """Reopen a locked period: only its owner's officers, and the reason is kept in the period's history."""
    period = ReviewPeriod.objects.select_for_update().select_related("organization").get(pk=period.pk)
    _require_officer_of(actor, period.organization)
    if not period.is_locked:
        raise ValidationError({"period": [PERIOD_NOT_LOCKED]})
    if not (reason or "").strip():
        raise ValidationError({"reason": [REOPEN_REASON_REQUIRED]})
    period.is_locked, period.locked_at = False, None
    _save(period, actor=actor, reason=reason.strip())
    return period


def _require_open(period: ReviewPeriod) -> None:
    if period.is_locked:
        raise ValidationError({"period": [PERIOD_LOCKED % {"period": period}]})


# --- dossiers -----------------------------------------------------------------------------------------
@transaction.atomic
def dossier_open(*, actor, period: ReviewPeriod, organization) -> Dossier:
    """The organization's dossier in the period, created on first use, with a row for every subject.

    Rows are added for members who joined since (idempotent); existing rows are never overwritten.
    """
    policy_for(actor).require_in_organization(Action.CHANGE, organization)
    if not organization.path.startswith(period.organization.path):
        raise ValidationError({"organization": [OUTSIDE_PERIOD % {"org": organization, "period": period}]})
    dossier = Dossier.objects.filter(period=period, organization=organization).first()
    if dossier is None:
        _require_open(period)
        dossier = Dossier(period=period, organization=organization)
        _save(dossier, actor=actor, reason=_("Lập hồ sơ đánh giá"))
    dossier.period, dossier.organization = period, organization  # already loaded: no query per access
    if dossier.status in EDITABLE_DOSSIER_STATUSES and not period.is_locked:
        _add_missing_rows(dossier, actor=actor)
    return dossier


def _add_missing_rows(dossier: Dossier, *, actor) -> None:
    rows = member_rows(dossier) + organization_row(dossier)
    if not rows:  # the usual case once the dossier exists: no parameters to read
        return
    params = rules.Params.on(dossier.period.ends_on)
    for review in rows:
        _apply_proposal(review, params)
    bulk_create_with_history(
        rows, Review, default_user=acting_user(actor), default_change_reason=str(_("Lập hồ sơ đánh giá"))
    )
    tally_rows_added(rows, approved=dossier.is_approved)


def _apply_proposal(review: Review, params: rules.Params | None = None) -> rules.Proposal:
    proposal = rules.propose(facts_for(review), on=review.period.ends_on, params=params)
    review.proposed_level = proposal.level or ""
    review.reasons = [str(reason) for reason in proposal.reasons]
    review.level = "" if review.not_rated else (review.chosen_level or review.proposed_level)
    return proposal


def _require_editable(dossier: Dossier) -> None:
    _require_open(dossier.period)
    if dossier.status not in EDITABLE_DOSSIER_STATUSES:
        raise ValidationError({"dossier": [DOSSIER_NOT_EDITABLE % {"status": dossier.get_status_display()}]})


REVIEW_FIELDS = (
    "scores",
    "score",
    "task_progress",
    "serious_violation",
    "sick_leave_months",
    "shortcomings_fixed",
    "unit_disciplined",
    "disciplined",
    "self_assessed",
    "chosen_level",
    "note",
)


def _total(scores: dict, subject: str) -> Decimal | None:
    """Sum of the group scores, after checking each against its group's weight; None when none given."""
    groups = {g.code: g for g in CriteriaGroup.objects.filter(subject=subject, is_active=True)}
    errors, total, any_given = [], Decimal(0), False
    for code, raw in scores.items():
        if raw in (None, "") or code not in groups:
            continue
        try:
            points = Decimal(str(raw).replace(",", "."))
        except InvalidOperation:
            errors.append(SCORE_NOT_NUMBER)
            continue
        if not (0 <= points <= groups[code].max_points):
            errors.append(rules.SCORE_OUT_OF_RANGE % {"group": groups[code].name, "max": groups[code].max_points})
        total, any_given = total + points, True
    if errors:
        raise ValidationError({"scores": errors})
    return total if any_given else None


@transaction.atomic
def review_update(*, actor, review: Review, reason: str = "", **changes) -> Review:
    """Enter a row of the grid: group scores (or a total), conditions, self-review, and a level or none.

    The system re-proposes the level with its reasons; `level` becomes the chosen level or the proposal.
    """
    review = (
        Review.objects.select_for_update()
        .select_related("dossier__period", "dossier__organization", "period")
        .get(pk=review.pk)
    )
    policy_for(actor).require_in_organization(Action.CHANGE, review.dossier.organization)
    _require_editable(review.dossier)
    before = tally_key(review)
    unknown = set(changes) - set(REVIEW_FIELDS)
    if unknown:
        raise TypeError(f"review_update() got unexpected fields {sorted(unknown)}")
    if review.member_id:  # a member's discipline comes from the registry, never typed here
        changes.pop("disciplined", None)
        period = review.period
        note = discipline_notes([review.member_id], period).get(review.member_id, "")
        review.disciplined, review.discipline_note = bool(note), note
    for field, value in changes.items():
        setattr(review, field, value)
    if "scores" in changes:
        review.scores = {code: str(v) for code, v in (review.scores or {}).items() if v not in (None, "")}
        review.score = _total(review.scores, review.subject)
    if review.score is not None and not (0 <= Decimal(review.score) <= 100):
        raise ValidationError({"score": [rules.TOTAL_OUT_OF_RANGE]})
    review.full_clean(exclude=["period", "dossier", "member", "organization", "reasons", "scores"])
    _apply_proposal(review, rules.Params.on(review.period.ends_on))
    _save(review, actor=actor, reason=reason or _("Nhập kết quả đánh giá"))
    # The dossier's row is locked with the review's (select_for_update over the join): its status holds.
    tally_row_changed(before, review, approved=review.dossier.is_approved)
    return review


@transaction.atomic
def dossier_submit(*, actor, dossier: Dossier) -> Dossier:
    """Submit the dossier to the level that decides it; refused while any rule is broken (each is named)."""
    from xaydungdang.reviews.selectors import dossier_violations

    dossier = Dossier.objects.select_for_update().select_related("period", "organization").get(pk=dossier.pk)
    policy_for(actor).require_in_organization(Action.CHANGE, dossier.organization)
    _require_editable(dossier)
    violations = dossier_violations(dossier)
    if violations:
        raise ValidationError({"dossier": [v.message for v in violations]})
    dossier.status, dossier.submitted_at, dossier.submitted_by = (
        DossierStatus.SUBMITTED,
        timezone.now(),
        acting_user(actor),
    )
    _save(dossier, actor=actor, reason=_("Trình cấp trên"))
    return dossier


def _require_approver(actor, dossier: Dossier):
    approver = rules.approving_organization(dossier.organization)
    message = NOT_APPROVER % {"org": dossier.organization, "approver": approver or "—"}
    if approver is None:
        raise OutOfScope(message)
    policy_for(actor).require_in_organization(Action.CHANGE, approver, message)
    _require_open(dossier.period)
    if dossier.status != DossierStatus.SUBMITTED:
        raise ValidationError({"dossier": [DOSSIER_NOT_SUBMITTED]})
    return approver


@transaction.atomic
def dossier_approve(*, actor, dossier: Dossier, comment: str = "") -> Dossier:
    """The deciding level approves: ratings become the result. The quota is re-checked over its whole group."""
    from xaydungdang.reviews.selectors import quota_violations

    dossier = Dossier.objects.select_for_update().select_related("period", "organization").get(pk=dossier.pk)
    _require_approver(actor, dossier)
    violations = quota_violations(dossier)
    if violations:
        raise ValidationError({"dossier": [v.message for v in violations]})
    dossier.status, dossier.decided_at, dossier.decided_by = DossierStatus.APPROVED, timezone.now(), acting_user(actor)
    dossier.comment = comment
    _save(dossier, actor=actor, reason=comment or _("Duyệt kết quả đánh giá"))
    tally_dossier_approved(dossier)
    return dossier


@transaction.atomic
def dossier_return(*, actor, dossier: Dossier, comment: str) -> Dossier:
    """The deciding level returns the dossier with its comments; the organization corrects and resubmits."""
    dossier = Dossier.objects.select_for_update().select_related("period", "organization").get(pk=dossier.pk)
    _require_approver(actor, dossier)
    if not (comment or "").strip():
        raise ValidationError({"comment": [RETURN_COMMENT_REQUIRED]})
    dossier.status, dossier.decided_at, dossier.decided_by = DossierStatus.RETURNED, timezone.now(), acting_user(actor)
    dossier.comment = comment.strip()
    _save(dossier, actor=actor, reason=dossier.comment)
    return dossier


@transaction.atomic
def review_override(*, actor, review: Review, level: str, reason: str) -> Review:
    """The deciding level changes one row's level while it considers the submitted dossier, instead of
    returning the whole dossier (HD 25-HD/BTCTW 2023 §3: the competent level decides the rating).

    The reason is required and kept in the row's history; the new level must respect the row's score and
    conditions like any level, and the excellent quota of the group is re-checked (all or nothing).
    """
    from xaydungdang.reviews.selectors import quota_violations, review_errors

    # The dossier first, as approval locks it: an override and an approval of the same dossier queue up.
    dossier = Dossier.objects.select_for_update().select_related("period", "organization").get(pk=review.dossier_id)
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("period", "member", "organization")
        .get(pk=review.pk)
    )
    review.dossier = dossier
    _require_approver(actor, dossier)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [OVERRIDE_REASON_REQUIRED]})
    if level not in Level.values:
        raise ValidationError({"level": [OVERRIDE_LEVEL_REQUIRED]})
    name = review.subject_name
    if review.not_rated:
        raise ValidationError({"level": [OVERRIDE_NOT_RATED % {"name": name}]})
    if level == review.level:
        raise ValidationError({"level": [OVERRIDE_SAME_LEVEL % {"name": name, "level": rules.level_label(level)}]})
    params = rules.Params.on(review.period.ends_on)
    old, before = review.level, tally_key(review)
    review.chosen_level = level
    _apply_proposal(review, params)
    errors = review_errors(review, params)
    if errors:
        raise ValidationError({"level": errors})
    review.override_reason = reason
    _save(
        review,
        actor=actor,
        reason=OVERRIDE_DONE % {"old": rules.level_label(old), "new": rules.level_label(level), "reason": reason},
    )
    tally_row_changed(before, review, approved=dossier.is_approved)
    violations = quota_violations(dossier, params)
    if violations:  # raising rolls the change back
        raise ValidationError({"level": [v.message for v in violations]})
    return review
