"""Writes of an organization's own data: found one, edit its fields. Its place in the tree changes only
through reorganizations.services (move, merge, split, dissolve…), which keep the tree's history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OutOfScope, policy_for
from xaydungdang.core.history import acting_user, history_reason, save_with_history
from xaydungdang.core.validators import future_errors
from xaydungdang.core.versions import require_version, version_of
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


def organization_version(organization: Organization) -> str:
    """The version an edit starts from (core.versions): it changes with any editable field."""
    return version_of(organization, EDITABLE_FIELDS)


def _validate(organization: Organization, *, parent: Organization | None) -> None:
    errors: dict[str, list] = {}
    try:
        organization.full_clean(exclude=["path", "depth", "numchild"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    message = rules.kind_error(parent=parent, child_kind=organization.kind)
    if message:
        errors.setdefault("kind", []).append(message)
    for field, messages in future_errors(
        founded_on=organization.founded_on, dissolved_on=organization.dissolved_on
    ).items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


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
    organization._history_user = acting_user(actor)  # treebeard saves the new node itself
    organization._change_reason = history_reason(reason or _("Thành lập tổ chức"))
    if parent is None:
        organization = Organization.objects.add_root(instance=organization)
    else:
        organization = Organization.objects.add_child(parent, instance=organization)
    return organization


@transaction.atomic
def organization_update(
    *, actor, organization: Organization, reason: str = "", expected_version: str | None = None, **changes
) -> Organization:
    """Edit an organization's data; with `expected_version`, one changed since is refused (`EditConflict`)."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    policy_for(actor).require(Action.CHANGE, organization)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"organization_update() got unexpected fields {sorted(unknown)}")
    require_version(organization, EDITABLE_FIELDS, expected_version, changes)
    for field, value in changes.items():
        setattr(organization, field, value.strip() if isinstance(value, str) else value)
    _validate(organization, parent=Organization.objects.get_parent(organization))
    save_with_history(organization, actor=actor, reason=reason or _("Cập nhật thông tin tổ chức"))
    return organization
