"""Reads of the member registry for one user: scoped lists, dated lists, a record's page."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core.history import SENSITIVE_FIELDS, mask
from xaydungdang.members.models import Member, MembershipPeriod
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS
from xaydungdang.organizations.models import Organization

# How many levels below the user's top organization the list filter offers; deeper ones are reached
# from an organization's page (`?org=<id>`), which the filter then shows as well.
ORG_OPTION_LEVELS = 2
ORG_OPTION_CAP = 200


def own_member(user) -> Member | None:
    """The member record tied to the user's account, if any (a member's own space, self-review, meetings)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.select_related("organization", "user").filter(user=user).first()


def visible_members(user) -> QuerySet:
    """Today's members the user may see, by name."""
    return Member.objects.visible_to(user).select_related("organization").order_by("sort_name", "pk")


def members_on(user, day: dt.date) -> QuerySet:
    """MembershipPeriod rows of active members on `day` the user may see, with their status then (scoped by
    the organization of the period, not today's)."""
    return (
        MembershipPeriod.objects.of(None, on=day)
        .visible_to(user)
        .select_related("member", "organization")
        .order_by("member__sort_name", "member_id")
    )


def organization_options(user, selected: Organization | None = None) -> list[Organization]:
    """Organizations offered by the list's filter: the top levels of the user's scope (one query)."""
    policy = policy_for(user)
    depths = [len(grant.path) // Organization.steplen for grant in policy.grants]
    top = 1 if policy.is_admin or not depths else min(depths)
    options = list(Organization.objects.visible_to(user).filter(depth__lt=top + ORG_OPTION_LEVELS)[:ORG_OPTION_CAP])
    if selected is not None and selected not in options:
        options.append(selected)
    for option in options:
        option.indent = max(option.depth - top, 0)
    return options


def member_holding_organizations(user) -> QuerySet:
    """Active cells the user may add members to."""
    return (
        Organization.objects.visible_to(user, Action.CHANGE)
        .filter(kind__in=MEMBER_HOLDING_KINDS, dissolved_on__isnull=True)
        .order_by("path")
    )


@dataclass(frozen=True)
class PersonalData:
    """The record's sensitive fields as this viewer may see them."""

    visible: bool
    national_id: str
    address: str
    phone: str


def personal_data(member: Member, viewer) -> PersonalData:
    visible = policy_for(viewer).sees_personal_data(member)
    values = {name: getattr(member, name) or "" for name in SENSITIVE_FIELDS}
    if not visible:
        values = {name: mask(value) for name, value in values.items()}
    return PersonalData(visible=visible, **values)
