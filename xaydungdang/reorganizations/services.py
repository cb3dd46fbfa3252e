"""The only writes of the tree's shape (rules.md §3; DESIGN §4; decisions 0003, 0005): move, rename,
dissolve, absorb, merge, split. Pages, the API, the organization import and commands all come here.

Each keeps the history: a Reorganization row with its decision, lineage edges (predecessor → successor),
a ParentChange for every move (so the tree on a past date can be rebuilt), and members moved by dated
events (so "who was in xã X on 31/12/2024" still answers after X was merged on 01/07/2025). The members'
re-attachment and the rollups' re-target step run in the same transaction, so the dashboards never
disagree with the raw rows.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import AccessPolicy, policy_for
from xaydungdang.core.dates import today
from xaydungdang.core.history import acting_user, save_with_history
from xaydungdang.core.validators import require_not_in_future
from xaydungdang.members.models import Member
from xaydungdang.members.services import member_reattach
from xaydungdang.organizations import rules
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.services import organization_create
from xaydungdang.reorganizations.choices import DECISION_OPTIONAL, ReorganizationKind
from xaydungdang.reorganizations.models import Lineage, ParentChange, Reorganization


def _check_date(effective_date: dt.date, *organizations: Organization) -> None:
    require_not_in_future(_("Ngày hiệu lực không được ở tương lai."), effective_date=effective_date)
    for organization in organizations:
        if organization.founded_on and effective_date < organization.founded_on:
            raise ValidationError(
                {"effective_date": _("Ngày hiệu lực trước ngày thành lập của %(name)s.") % {"name": organization.name}}
            )
        if not organization.is_active:
            raise ValidationError({"organization": _("%(name)s đã giải thể.") % {"name": organization.name}})


def _locked(*organizations: Organization) -> list[Organization]:
    return list(Organization.objects.select_for_update().filter(pk__in=[o.pk for o in organizations]).order_by("path"))


def _reorganization(
    *, actor, kind: str, organization: Organization, effective_date: dt.date, decision: dict, **details
):
    decision = {key: value.strip() if isinstance(value, str) else value for key, value in decision.items()}
    if kind not in DECISION_OPTIONAL and not decision.get("decision_number"):
        raise ValidationError({"decision_number": _("Phải ghi số quyết định sắp xếp tổ chức.")})
    return Reorganization.objects.create(
        kind=kind,
        organization=organization,
        effective_date=effective_date,
        recorded_by=acting_user(actor),
        details={key: value for key, value in details.items() if value is not None},
        **decision,
    )


def _move(
    *, actor, organization: Organization, new_parent: Organization, reorganization: Reorganization, reason: str
) -> Organization:
    """Put `organization` (with its subtree) under `new_parent` from the reorganization's date: a
    ParentChange row, the tree itself, the organization's history, and the rollups re-targeted."""
    organization = Organization.objects.get(pk=organization.pk)
    new_parent = Organization.objects.get(pk=new_parent.pk)
    message = rules.kind_error(parent=new_parent, child_kind=organization.kind)
    if message:
        named = reorganization.organization_id != organization.pk  # a child moved by an absorb or a split
        raise ValidationError({"new_parent": f"{organization.name}: {message}" if named else message})
    if new_parent.path.startswith(organization.path):
        raise ValidationError(
            {"new_parent": _("Không thể chuyển một tổ chức vào chính nó hoặc tổ chức cấp dưới của nó.")}
        )
    old_parent = Organization.objects.get_parent(organization)
    if old_parent is None:
        raise ValidationError({"organization": _("Tổ chức cấp cao nhất không chuyển sang trực thuộc tổ chức khác.")})
    if old_parent.pk == new_parent.pk:
        raise ValidationError(
            {
                "new_parent": _("%(name)s đã trực thuộc %(parent)s.")
                % {"name": organization.name, "parent": new_parent.name}
            }
        )
    last = ParentChange.objects.filter(organization=organization).order_by("-effective_date").first()
    if last and reorganization.effective_date < last.effective_date:
        raise ValidationError(
            {
                "effective_date": _(
                    "%(name)s đã được điều chỉnh trực thuộc từ ngày %(day)s; ngày hiệu lực không được trước ngày đó."
                )
                % {"name": organization.name, "day": f"{last.effective_date:%d/%m/%Y}"}
            }
        )
    ParentChange.objects.create(
        organization=organization,
        old_parent=old_parent,
        new_parent=new_parent,
        effective_date=reorganization.effective_date,
        reorganization=reorganization,
    )
    Organization.objects.move(organization, new_parent, pos="sorted-child")
    moved = save_with_history(Organization.objects.get(pk=organization.pk), actor=actor, reason=reason)
    # Reports sit above this layer, but the rollups belong to the members' counts (decision 0004): they
    # must follow the move in this transaction, or the dashboards disagree with the raw rows.
    from xaydungdang.reports.rollups import rollup_subtree_moved

    rollup_subtree_moved(moved, old_parent=old_parent)
    return moved


def _close(*, actor, organization: Organization, reorganization: Reorganization, reason: str) -> None:
    organization = Organization.objects.get(pk=organization.pk)
    organization.dissolved_on = reorganization.effective_date
    organization.dissolution_decision = reorganization.decision_number
    save_with_history(organization, actor=actor, reason=reason)


def _active_members(organization: Organization):
    return Member.objects.filter(organization=organization).active().select_for_update()


def _reattach(members, *, actor, organization: Organization, reorganization: Reorganization, reason: str) -> None:
    """Members continue in `organization` from the reorganization's date, under its decision."""
    for member in members:
        member_reattach(
            actor=actor, member=member, organization=organization, effective_date=reorganization.effective_date,
            reason=reason, decision_number=reorganization.decision_number, decision_date=reorganization.decision_date,
        )  # fmt: skip


def _recheck(actor, *organizations: Organization) -> None:
    policy = AccessPolicy(actor)  # fresh: paths may have changed inside this transaction
    for organization in organizations:
        policy.require(Action.CHANGE, Organization.objects.get(pk=organization.pk))


@transaction.atomic
def organization_rename(
    *, actor, organization: Organization, name: str, effective_date: dt.date, **decision
) -> Reorganization:
    (organization,) = _locked(organization)
    policy_for(actor).require(Action.CHANGE, organization)
    _check_date(effective_date, organization)
    name = name.strip()
    if not name or name == organization.name:
        raise ValidationError({"name": _("Tên mới phải khác tên hiện tại.")})
    reorganization = _reorganization(
        actor=actor, kind=ReorganizationKind.RENAME, organization=organization, effective_date=effective_date,
        decision=decision, old_name=organization.name, new_name=name,
    )  # fmt: skip
    organization.name = name
    save_with_history(
        organization,
        actor=actor,
        reason=_("Đổi tên theo quyết định %(number)s") % {"number": reorganization.decision_number},
    )
    return reorganization


@transaction.atomic
def organization_move(
    *, actor, organization: Organization, new_parent: Organization, effective_date: dt.date | None = None,
    reason: str = "", **decision,
) -> Reorganization:  # fmt: skip
    """Put an organization (with its subtree) under another parent from `effective_date` (today when None), keeping
    where it was before. Scope is checked on both ends, and again after the move, in the transaction.
    The decision (number, date, issuer) is recorded when given; a correction of the tree may lack one."""
    effective_date = effective_date or today()
    if organization.pk == new_parent.pk:
        raise ValidationError(
            {"new_parent": _("Không thể chuyển một tổ chức vào chính nó hoặc tổ chức cấp dưới của nó.")}
        )
    organization, new_parent = sorted(_locked(organization, new_parent), key=lambda o: o.pk != organization.pk)
    policy = policy_for(actor)
    policy.require(Action.CHANGE, organization)
    policy.require(Action.CHANGE, new_parent)
    _check_date(effective_date, organization, new_parent)
    reason = reason.strip() or _("Điều chỉnh tổ chức trực thuộc %(parent)s") % {"parent": new_parent.name}
    decision.setdefault("note", reason)
    reorganization = _reorganization(
        actor=actor,
        kind=ReorganizationKind.MOVE,
        organization=organization,
        effective_date=effective_date,
        decision=decision,
    )
    _move(actor=actor, organization=organization, new_parent=new_parent, reorganization=reorganization, reason=reason)
    _recheck(actor, organization)
    return reorganization


@transaction.atomic
def organization_dissolve(*, actor, organization: Organization, effective_date: dt.date, **decision) -> Reorganization:
    (organization,) = _locked(organization)
    policy_for(actor).require(Action.CHANGE, organization)
    _check_date(effective_date, organization)
    members = _active_members(organization).count()
    if members:
        raise ValidationError(
            {
                "organization": _("Còn %(count)s đảng viên đang sinh hoạt; phải chuyển sinh hoạt trước khi giải thể.")
                % {"count": members}
            }
        )
    if Organization.objects.get_children(organization).filter(dissolved_on__isnull=True).exists():
        raise ValidationError(
            {"organization": _("Còn tổ chức trực thuộc đang hoạt động; phải sắp xếp trước khi giải thể.")}
        )
    reorganization = _reorganization(
        actor=actor,
        kind=ReorganizationKind.DISSOLVE,
        organization=organization,
        effective_date=effective_date,
        decision=decision,
    )
    _close(actor=actor, organization=organization, reorganization=reorganization, reason=_("Giải thể"))
    return reorganization


def _absorb_one(*, actor, source: Organization, target: Organization, reorganization: Reorganization) -> None:
    reason = _("Sắp xếp tổ chức: %(source)s về %(target)s") % {"source": source.name, "target": target.name}
    members = list(_active_members(source))
    if members and not target.holds_members:
        raise ValidationError({"target": _("%(name)s không có đảng viên sinh hoạt trực tiếp.") % {"name": target.name}})
    _reattach(members, actor=actor, organization=target, reorganization=reorganization, reason=reason)
    for child in Organization.objects.get_children(Organization.objects.get(pk=source.pk)).filter(
        dissolved_on__isnull=True
    ):
        _move(actor=actor, organization=child, new_parent=target, reorganization=reorganization, reason=reason)
    Lineage.objects.create(reorganization=reorganization, predecessor=source, successor=target)
    _close(actor=actor, organization=source, reorganization=reorganization, reason=reason)


@transaction.atomic
def organizations_absorb(
    *, actor, sources: list[Organization], target: Organization, effective_date: dt.date, **decision
) -> Reorganization:
    """Sáp nhập: the sources end, their members and child organizations continue in `target`."""
    locked = {o.pk: o for o in _locked(target, *sources)}
    target = locked[target.pk]
    sources = [locked[s.pk] for s in sources]
    if not sources or target.pk in {s.pk for s in sources}:
        raise ValidationError({"sources": _("Chọn ít nhất một tổ chức khác với tổ chức nhận sáp nhập.")})
    policy = policy_for(actor)
    for organization in (target, *sources):
        policy.require(Action.CHANGE, organization)
    _check_date(effective_date, target, *sources)
    reorganization = _reorganization(
        actor=actor, kind=ReorganizationKind.ABSORB, organization=target, effective_date=effective_date, decision=decision,
        sources=[s.pk for s in sources],
    )  # fmt: skip
    for source in sources:
        _absorb_one(actor=actor, source=source, target=target, reorganization=reorganization)
    _recheck(actor, target)
    return reorganization


@transaction.atomic
def organizations_merge(
    *, actor, sources: list[Organization], parent: Organization, code: str, name: str, kind: str,
    effective_date: dt.date, **decision,
) -> Reorganization:  # fmt: skip
    """Hợp nhất: the sources end and a new organization founded on the date continues them all."""
    if len(sources) < 2:
        raise ValidationError({"sources": _("Hợp nhất cần ít nhất hai tổ chức.")})
    founding = decision.get("decision_number", "")
    merged = organization_create(
        actor=actor, parent=parent, code=code, name=name, kind=kind, founded_on=effective_date,
        founding_decision=founding, sector=sources[0].sector, reason=_("Thành lập do hợp nhất"),
    )  # fmt: skip
    reorganization = organizations_absorb(
        actor=actor, sources=sources, target=merged, effective_date=effective_date, **decision
    )
    reorganization.kind = ReorganizationKind.MERGE
    reorganization.save(update_fields=["kind"])
    return reorganization


@transaction.atomic
def organization_split(
    *, actor, source: Organization, parts: list[dict], effective_date: dt.date, **decision
) -> Reorganization:
    """Chia tách: new organizations under the source's parent take the listed members and children;
    the source ends when nothing is left in it."""
    (source,) = _locked(source)
    policy_for(actor).require(Action.CHANGE, source)
    _check_date(effective_date, source)
    if len(parts) < 2:
        raise ValidationError({"parts": _("Chia tách cần ít nhất hai tổ chức mới.")})
    reorganization = _reorganization(
        actor=actor,
        kind=ReorganizationKind.SPLIT,
        organization=source,
        effective_date=effective_date,
        decision=decision,
    )
    parent = Organization.objects.get_parent(source)
    reason = _("Chia tách %(name)s") % {"name": source.name}
    for part in parts:
        member_ids, child_ids = part.get("members", []), part.get("children", [])
        created = organization_create(
            actor=actor, parent=parent, code=part["code"], name=part["name"], kind=part["kind"],
            founded_on=effective_date, founding_decision=reorganization.decision_number, sector=source.sector, reason=reason,
        )  # fmt: skip
        members = _active_members(source).filter(pk__in=member_ids)
        _reattach(members, actor=actor, organization=created, reorganization=reorganization, reason=reason)
        for child in Organization.objects.filter(
            pk__in=child_ids, path__startswith=source.path, depth=source.depth + 1
        ):
            _move(actor=actor, organization=child, new_parent=created, reorganization=reorganization, reason=reason)
        Lineage.objects.create(reorganization=reorganization, predecessor=source, successor=created)
    source = Organization.objects.get(pk=source.pk)
    if (
        not _active_members(source).exists()
        and not Organization.objects.get_children(source).filter(dissolved_on__isnull=True).exists()
    ):
        _close(actor=actor, organization=source, reorganization=reorganization, reason=reason)
    return reorganization
