"""Writes of the residence liaison. Each re-checks the policy inside its transaction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import office_holders, policy_for
from xaydungdang.core.history import acting_user, save_with_history
from xaydungdang.members.choices import ACTIVE_STATUSES
from xaydungdang.members.models import Member
from xaydungdang.notifications.services import notify
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS
from xaydungdang.organizations.models import Organization
from xaydungdang.residence.choices import Exemption
from xaydungdang.residence.models import DEFAULT_REQUEST, Comment, Introduction

NOT_ACTIVE = _("Chỉ giới thiệu đảng viên đang sinh hoạt (dự bị hoặc chính thức).")
NOT_A_CELL = _("Nơi cư trú phải là một chi bộ (chi bộ trực thuộc hoặc chi bộ cơ sở).")
SAME_CELL = _("Chi bộ nơi cư trú trùng với chi bộ nơi công tác; không cần giới thiệu.")
LETTER_NUMBER_REQUIRED = _("Hãy ghi số giấy giới thiệu.")
YEAR_RANGE = _("Năm nhận xét phải từ năm của giấy giới thiệu (%(start)s) đến năm của ngày nhận xét.")
ENDED = _("Giấy giới thiệu đã hết hiệu lực từ ngày %(day)s.")
COMMENT_REQUIRED = _("Hãy ghi nội dung nhận xét.")
EXEMPTION_UNKNOWN = _("Lý do miễn không có trong Hướng dẫn 33-HD/BTCTW.")
NOTIFY_KIND = "residence.introduction"


@transaction.atomic
def introduction_create(
    *,
    actor,
    member,
    residence_organization,
    letter_number: str,
    letter_date: dt.date,
    residence_address: str = "",
    request: str = "",
    exemption: str = "",
    exemption_note: str = "",
) -> Introduction:
    """Introduce the member to their residence cell; an earlier current introduction ends on the letter's
    date (the member moved). The residence cell's secretary is notified."""
    member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    policy_for(actor).require_in_organization(Action.CHANGE, member.organization)
    residence_organization = Organization.objects.get(pk=residence_organization.pk)
    errors: dict[str, list] = {}
    if member.status not in ACTIVE_STATUSES:
        errors.setdefault("member", []).append(NOT_ACTIVE)
    if residence_organization.kind not in MEMBER_HOLDING_KINDS:
        errors.setdefault("residence_organization", []).append(NOT_A_CELL)
    elif residence_organization.pk == member.organization_id:
        errors.setdefault("residence_organization", []).append(SAME_CELL)
    if not (letter_number or "").strip():
        errors.setdefault("letter_number", []).append(LETTER_NUMBER_REQUIRED)
    if exemption and exemption not in Exemption.values:
        errors.setdefault("exemption", []).append(EXEMPTION_UNKNOWN)
    if errors:
        raise ValidationError(errors)
    for earlier in Introduction.objects.select_for_update().filter(member=member, ended_on__isnull=True):
        earlier.ended_on = letter_date
        save_with_history(earlier, actor=actor, reason=_("Giới thiệu về nơi cư trú mới"))
    introduction = Introduction(
        member=member,
        workplace=member.organization,
        residence_organization=residence_organization,
        residence_address=residence_address or member.address,
        letter_number=letter_number.strip(),
        letter_date=letter_date,
        request=request or str(DEFAULT_REQUEST),
        exemption=exemption,
        exemption_note=exemption_note,
        created_by=acting_user(actor),
    )
    introduction.full_clean()
    save_with_history(introduction, actor=actor, reason=_("Giới thiệu đảng viên về nơi cư trú"))
    notify(
        recipients=office_holders(residence_organization, roles=("secretary",)),
        kind=NOTIFY_KIND,
        title=_("Giới thiệu đảng viên về sinh hoạt nơi cư trú: %(name)s") % {"name": member.full_name},
        body=_("%(workplace)s giới thiệu đồng chí %(name)s về giữ mối liên hệ với %(residence)s.")
        % {"workplace": member.organization.name, "name": member.full_name, "residence": residence_organization.name},
        url=reverse("residence:introduction", args=[introduction.pk]),
        key=f"residence-introduction:{introduction.pk}",
    )
    return introduction


@transaction.atomic
def introduction_set_exemption(*, actor, introduction: Introduction, exemption: str, note: str = "") -> Introduction:
    """Mark (or clear, with an empty `exemption`) the HD 33 exemption: an exempt member is not asked yearly."""
    introduction = (
        Introduction.objects.select_for_update().select_related("member__organization").get(pk=introduction.pk)
    )
    policy_for(actor).require_in_organization(Action.CHANGE, introduction.member.organization)
    if exemption and exemption not in Exemption.values:
        raise ValidationError({"exemption": [EXEMPTION_UNKNOWN]})
    introduction.exemption, introduction.exemption_note = exemption, note if exemption else ""
    reason = _("Miễn sinh hoạt nơi cư trú theo HD 33") if exemption else _("Bỏ miễn sinh hoạt nơi cư trú")
    save_with_history(introduction, actor=actor, reason=reason)
    return introduction


@transaction.atomic
def comment_enter(
    *, actor, introduction: Introduction, year: int, text: str, commented_on: dt.date, commenter: str
) -> Comment:
    """The residence cell's comment for `year` (mẫu 3-213); entering it again that year corrects it."""
    introduction = (
        Introduction.objects.select_for_update().select_related("residence_organization").get(pk=introduction.pk)
    )
    policy_for(actor).require_residence_commenter(introduction)
    errors: dict[str, list] = {}
    if introduction.ended_on and commented_on > introduction.ended_on:
        errors.setdefault("commented_on", []).append(ENDED % {"day": f"{introduction.ended_on:%d/%m/%Y}"})
    if not (introduction.letter_date.year <= year <= commented_on.year):
        errors.setdefault("year", []).append(YEAR_RANGE % {"start": introduction.letter_date.year})
    if not (text or "").strip():
        errors.setdefault("text", []).append(COMMENT_REQUIRED)
    if errors:
        raise ValidationError(errors)
    comment = Comment.objects.filter(introduction=introduction, year=year).first()
    created = comment is None
    comment = comment or Comment(introduction=introduction, year=year)
    comment.text, comment.commented_on, comment.commenter = text.strip(), commented_on, commenter.strip()
    comment.entered_by = acting_user(actor)
    comment.full_clean()
    reason = _("Nhận xét của chi ủy nơi cư trú") if created else _("Sửa nhận xét của chi ủy nơi cư trú")
    save_with_history(comment, actor=actor, reason=reason)
    return comment
