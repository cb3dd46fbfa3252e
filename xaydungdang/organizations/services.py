"""Writes of the organization tree. Reorganizations (merge, split, dissolve…) are events: see reorganize.py."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import AccessPolicy, OutOfScope, policy_for
from xaydungdang.core.dates import today
from xaydungdang.organizations import rules
from xaydungdang.organizations.models import Organization

EDITABLE_FIELDS = (
    "code",
    "name",
    "sector",
    "admin_unit_code",
    "founded_on",
    "founding_decision",
    "dissolved_on",
    "dissolution_decision",
)


def _validate(organization: Organization, *, parent: Organization | None) -> None:
    errors: dict[str, list] = {}
    try:
        organization.full_clean(exclude=["path", "depth", "numchild"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    message = rules.kind_error(parent=parent, child_kind=organization.kind)
    if message:
        errors.setdefault("kind", []).append(message)
    for field in ("founded_on", "dissolved_on"):
        value = getattr(organization, field)
        if value and value > today():
            errors.setdefault(field, []).append(_("Ngày không được ở tương lai."))
    if errors:
        raise ValidationError(errors)


def _save(organization: Organization, *, actor, reason: str) -> None:
    organization._history_user = actor
    organization._change_reason = reason
    organization.save()


@transaction.atomic
def organization_create(
    *, actor, parent: Organization | None, code: str, name: str, kind: str, reason: str = "", **fields
) -> Organization:
    policy = policy_for(actor)
    if parent is None:
        if not policy.is_admin:
            raise OutOfScope(_("Chỉ quản trị hệ thống mới tạo được tổ chức cấp cao nhất."))
    else:
        parent = Organization.objects.select_for_update().get(pk=parent.pk)
        policy.require(Action.CHANGE, parent)
    organization = Organization(code=code.strip(), name=name.strip(), kind=kind, **fields)
    _validate(organization, parent=parent)
    organization._history_user = actor
    organization._change_reason = reason or _("Thành lập tổ chức")
    if parent is None:
        organization = Organization.objects.add_root(instance=organization)
    else:
        organization = Organization.objects.add_child(parent, instance=organization)
    return organization


@transaction.atomic
def organization_update(*, actor, organization: Organization, reason: str = "", **changes) -> Organization:
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    policy_for(actor).require(Action.CHANGE, organization)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"organization_update() got unexpected fields {sorted(unknown)}")
    for field, value in changes.items():
        setattr(organization, field, value.strip() if isinstance(value, str) else value)
    _validate(organization, parent=Organization.objects.get_parent(organization))
    _save(organization, actor=actor, reason=reason or _("Cập nhật thông tin tổ chức"))
    return organization


@transaction.atomic
def organization_move(
    *, actor, organization: Organization, new_parent: Organization, on: dt.date | None = None, reason: str = ""
) -> Organization:
    """Put an organization (with its subtree) under another parent. Scope is checked on both ends,
    and again after the move, inside the transaction (NetBox bulk views)."""
    policy = policy_for(actor)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    new_parent = Organization.objects.select_for_update().get(pk=new_parent.pk)
    policy.require(Action.CHANGE, organization)
    policy.require(Action.CHANGE, new_parent)
    if new_parent.path.startswith(organization.path):
        raise ValidationError(
            {"new_parent": _("Không thể chuyển một tổ chức vào chính nó hoặc tổ chức cấp dưới của nó.")}
        )
    message = rules.kind_error(parent=new_parent, child_kind=organization.kind)
    if message:
        raise ValidationError({"new_parent": message})
    Organization.objects.move(organization, new_parent, pos="sorted-child")
    organization = Organization.objects.get(pk=organization.pk)
    AccessPolicy(actor).require(Action.CHANGE, organization)  # fresh: the grants' paths may have moved
    _save(
        organization,
        actor=actor,
        reason=reason or _("Điều chỉnh tổ chức trực thuộc %(parent)s") % {"parent": new_parent.name},
    )
    return organization
