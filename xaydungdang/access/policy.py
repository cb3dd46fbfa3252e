"""The one policy object that decides access: grants sit on tree nodes and cover their scope.

Learned from Wagtail's collection permission policy and NetBox's RestrictedQuerySet: a grant on a node
covers every organization whose path starts with the node's path, so "a province and everything under it"
is one prefix condition for every model, not one rule per model.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaydungdang.access.choices import ROLE_ACTIONS, Action, Role, Scope

OUT_OF_SCOPE = _("Bạn không có quyền với tổ chức hoặc đảng viên này.")


class OutOfScope(PermissionDenied):
    """A write touched an object outside the actor's scope (re-checked inside the transaction)."""


class SystemActor:
    """The explicit actor of commands and background jobs: may read and change everything, and is
    recorded as no user ("Hệ thống") in the history. Selectors never take a missing user for it."""

    pk = id = None
    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = True
    is_staff = False
    is_system = True
    username = "system"
    email = ""

    def __str__(self) -> str:
        return str(_("Hệ thống"))

    def __repr__(self) -> str:
        return "SYSTEM"

    def get_full_name(self) -> str:
        return str(self)

    def get_username(self) -> str:
        return self.username


SYSTEM = SystemActor()


@dataclass(frozen=True)
class Grant:
    role: str
    path: str
    subtree: bool


class AccessPolicy:
    def __init__(self, user) -> None:
        self.user = user
        self.grants: list[Grant] = self._load_grants()

    def _load_grants(self) -> list[Grant]:
        if self.user is SYSTEM or not (self.user and self.user.is_authenticated):
            return []
        from xaydungdang.access.models import Assignment

        today = timezone.localdate()
        rows = (
            Assignment.objects.filter(user=self.user)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .values_list("role", "organization__path", "scope")
        )
        return [Grant(role, path, scope == Scope.SUBTREE) for role, path, scope in rows]

    # --- what the user is -------------------------------------------------------------------------
    @property
    def is_admin(self) -> bool:
        return bool(self.user and self.user.is_superuser) or any(g.role == Role.ADMIN for g in self.grants)

    @property
    def roles(self) -> set[str]:
        return {g.role for g in self.grants}

    @property
    def is_member_only(self) -> bool:
        """A party member who holds no office: they read their own record and their cell's page."""
        return not self.is_admin and self.roles <= {Role.MEMBER}

    def can_change_anything(self) -> bool:
        return self.is_admin or any(Action.CHANGE in ROLE_ACTIONS[g.role] for g in self.grants)

    # --- narrowing querysets ----------------------------------------------------------------------
    def _grants_for(self, action: str, personal: bool) -> list[Grant]:
        return [g for g in self.grants if action in ROLE_ACTIONS[g.role] and not (personal and g.role == Role.MEMBER)]

    def _q_paths(self, path_field: str, grants: list[Grant]) -> Q:
        q = Q(pk__in=[])
        for grant in grants:
            lookup = "startswith" if grant.subtree else "exact"
            q |= Q(**{f"{path_field}__{lookup}": grant.path})
        return q

    def q_for(self, model: type[models.Model], action: str = Action.VIEW) -> Q | None:
        """A filter for `model` rows the user may `action`; None means every row.

        A model addressed to an organization (`scope_receiver`, e.g. a transfer letter's destination) is also
        visible to who holds office over the addressee: the receiving side sees what comes to it."""
        if self.is_admin:
            return None
        personal = getattr(model, "scope_personal", False)
        q = self._q_paths(model.scope_path, self._grants_for(action, personal))
        receiver = getattr(model, "scope_receiver", None)
        if receiver and action == Action.VIEW:
            q |= self._q_paths(receiver, self._grants_for(action, personal=True))
        owner = getattr(model, "scope_owner", None)
        if owner and action == Action.VIEW and self.user and self.user.is_authenticated:
            q |= Q(**{owner: self.user})
        return q

    def q_receiving(self, model: type[models.Model]) -> Q | None:
        """Rows addressed (`scope_receiver`) to an organization the user may change: what they may receive."""
        if self.is_admin:
            return None
        return self._q_paths(model.scope_receiver, self._grants_for(Action.CHANGE, personal=True))

    def receivable(self, queryset: models.QuerySet) -> models.QuerySet:
        """The rows of `queryset` the user may receive (accept a transfer letter addressed to their cell)."""
        q = self.q_receiving(queryset.model)
        return queryset if q is None else queryset.filter(q)

    def restrict(self, queryset: models.QuerySet, action: str = Action.VIEW) -> models.QuerySet:
        q = self.q_for(queryset.model, action)
        return queryset if q is None else queryset.filter(q)

    # --- single objects ---------------------------------------------------------------------------
    def can(self, action: str, obj: models.Model) -> bool:
        model = type(obj)
        return self.restrict(model._default_manager.filter(pk=obj.pk), action).exists()

    def can_in_organization(self, action: str, organization) -> bool:
        """May the user `action` things attached to `organization` (e.g. add a member to a cell)?"""
        if self.is_admin:
            return True
        for grant in self._grants_for(action, personal=True):
            if organization.path == grant.path or (grant.subtree and organization.path.startswith(grant.path)):
                return True
        return False

    def reads_subtree(self, organization) -> bool:
        """May the user read figures that aggregate `organization`'s whole subtree? A subtree grant over it,
        or a node grant on an organization without children; a member's own grant does not count."""
        if self.is_admin:
            return True
        for grant in self.grants:
            if grant.role == Role.MEMBER:
                continue
            if grant.subtree and organization.path.startswith(grant.path):
                return True
            if grant.path == organization.path and organization.numchild == 0:
                return True
        return False

    def require(self, action: str, obj: models.Model, message=None) -> None:
        if not self.can(action, obj):
            raise OutOfScope(message or OUT_OF_SCOPE)

    def require_in_organization(self, action: str, organization, message=None) -> None:
        if not self.can_in_organization(action, organization):
            raise OutOfScope(message or OUT_OF_SCOPE)

    def require_can_change_anything(self, message=None) -> None:
        """Writes that are not about one organization yet (an import file): some grant that changes."""
        if not self.can_change_anything():
            raise OutOfScope(message or OUT_OF_SCOPE)

    # --- rules of particular workflows --------------------------------------------------------------
    def can_receive(self, obj: models.Model) -> bool:
        """The receiver rule (a transfer letter): who may change the organization it is addressed to
        (`scope_receiver`). Addressed outside the system, the sender records the receipt: who may change
        the object itself."""
        receiver = getattr(type(obj), "scope_receiver", "")
        addressee = _follow(obj, receiver.removesuffix("__path")) if receiver else None
        if addressee is None:
            return self.can(Action.CHANGE, obj)
        return self.can_in_organization(Action.CHANGE, addressee)

    def require_receiver(self, obj: models.Model) -> None:
        if not self.can_receive(obj):
            raise OutOfScope(OUT_OF_SCOPE)

    def _officer_grants(self) -> list[Grant]:
        return [g for g in self.grants if g.role == Role.OFFICER]

    def is_review_officer_of(self, organization) -> bool:
        """Review periods belong to the organization that opened them: its officers (Ban Tổ chức, on it or
        above with a subtree grant) or an administrator open, lock and reopen them."""
        if self.is_admin:
            return True
        return any(
            organization.path == g.path or (g.subtree and organization.path.startswith(g.path))
            for g in self._officer_grants()
        )

    def require_review_officer_of(self, organization, message=None) -> None:
        if not self.is_review_officer_of(organization):
            raise OutOfScope(message or OUT_OF_SCOPE)

    def review_officer_roots(self):
        """The organizations for which the user may open review periods: where the period form offers."""
        from xaydungdang.organizations.models import Organization

        if self.is_admin:
            return Organization.objects.get_root_nodes()
        return Organization.objects.filter(path__in=[g.path for g in self._officer_grants()]).order_by("path")

    # --- residence liaison (QĐ 213-QĐ/TW): a narrow grant across subtrees ------------------------------
    # The residence cell's secretary, who may sit in another subtree, receives the introductions addressed to
    # their cell and writes the yearly comment. The grant covers those introductions only: never the member's
    # record, nor any other page or endpoint of that member (they stay out of the user's scope, so 404).
    def residence_received(self, queryset: models.QuerySet) -> models.QuerySet:
        """Introductions (`residence_organization`) addressed to an organization the user may change."""
        if self.is_admin:
            return queryset
        return queryset.filter(
            self._q_paths("residence_organization__path", self._grants_for(Action.CHANGE, personal=True))
        )

    def can_comment_on_residence(self, introduction) -> bool:
        """May the user enter the residence cell's yearly comment (mẫu 3-213) on this introduction?"""
        return self.can_in_organization(Action.CHANGE, introduction.residence_organization)

    def require_residence_commenter(self, introduction) -> None:
        if not self.can_comment_on_residence(introduction):
            raise OutOfScope(OUT_OF_SCOPE)

    def sees_residence_workplace_side(self, introduction) -> bool:
        """The workplace side (the member's own organization's office holders) sees the whole introduction:
        the letter, exemption, all comments. The residence side sees only what the rule gives it."""
        return self.can_in_organization(Action.VIEW, introduction.member.organization)

    def sees_personal_data(self, obj: models.Model) -> bool:
        """National ID, address and phone: shown to those who may edit the record, and to its owner."""
        owner = getattr(type(obj), "scope_owner", None)
        if owner and getattr(obj, owner.split("__")[0] + "_id", None) == getattr(self.user, "pk", None):
            return True
        return self.can(Action.CHANGE, obj)

    def sees_member_personal_data(self, member) -> bool:
        """`sees_personal_data` of a member row without its query, for lists and exports: a member's scope
        is its organization's path, so "may change the member" is "may change in its organization"."""
        if member.user_id is not None and member.user_id == getattr(self.user, "pk", None):
            return True
        return self.can_in_organization(Action.CHANGE, member.organization)

    def files_for_member(self, member) -> bool:
        """A member's own request (correct their data, a document): only the member files it."""
        return member.user_id is not None and member.user_id == getattr(self.user, "pk", None)

    def decides_for_member(self, member) -> bool:
        """A member's own request is decided by who may change in the member's cell, never by the member."""
        if self.files_for_member(member):
            return False
        return self.can_in_organization(Action.CHANGE, member.organization)

    def root_organizations(self):
        """The highest organizations the user's grants reach: where their dashboard and tree start."""
        from xaydungdang.organizations.models import Organization

        if self.is_admin:
            return Organization.objects.get_root_nodes()
        paths = sorted({g.path for g in self.grants})
        tops = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
        return Organization.objects.filter(path__in=tops).order_by("path")


def office_holders(organization, roles=(Role.SECRETARY, Role.OFFICER)):
    """The users who answer for `organization`: those whose grant of `roles` sits on it; when none does, those
    of the nearest organization above it whose subtree grant covers it. For notifications addressed to an
    organization (a transfer letter to a cell, a residence introduction)."""
    from xaydungdang.access.models import Assignment
    from xaydungdang.accounts.models import User

    today = timezone.localdate()
    steplen = 4
    paths = [organization.path[:end] for end in range(len(organization.path), 0, -steplen)]
    current = (
        Assignment.objects.filter(role__in=roles, organization__path__in=paths, user__is_active=True)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .values_list("user_id", "organization__path", "scope")
    )
    by_path: dict[str, set[int]] = {}
    for user_id, path, scope in current:
        if path == organization.path or scope == Scope.SUBTREE:
            by_path.setdefault(path, set()).add(user_id)
    for path in paths:
        if path in by_path:
            return list(User.objects.filter(pk__in=by_path[path]).order_by("pk"))
    return []


def _follow(obj, lookup: str):
    """`obj.a.b` for the lookup "a__b" (None when a step is missing)."""
    for name in lookup.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name, None)
    return obj


def policy_for(user) -> AccessPolicy:
    """The user's policy, built once per request (cached on the user object). No user sees nothing."""
    if user is None:
        return AccessPolicy(None)
    if user is SYSTEM:
        return _SYSTEM_POLICY
    cached = getattr(user, "_access_policy", None)
    if cached is None:
        cached = AccessPolicy(user)
        if user.is_authenticated:
            user._access_policy = cached
    return cached


def get_visible_or_404(queryset: models.QuerySet, user, action: str = Action.VIEW, **lookup):
    """The object if the user may `action` it; 404 otherwise, so an outsider learns nothing."""
    try:
        return queryset.visible_to(user, action).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError) as exc:
        raise Http404(str(OUT_OF_SCOPE)) from exc


_SYSTEM_POLICY = AccessPolicy(SYSTEM)


def refusal_as_404(exc: PermissionDenied) -> Http404:
    """The 404 a refused write answers with: an outsider learns nothing, not even that the object exists."""
    return Http404(str(OUT_OF_SCOPE))


@contextmanager
def refusals_as_404():
    """Run a write; the policy's refusal (OutOfScope) becomes a 404. Usable as a decorator too."""
    try:
        yield
    except OutOfScope as exc:
        raise refusal_as_404(exc) from exc


def administrators() -> models.QuerySet:
    """Active users who administer the whole system: superusers and holders of a current admin grant
    (the same test as `AccessPolicy.is_admin`, as one query)."""
    from django.contrib.auth import get_user_model

    current = Q(assignments__valid_until__isnull=True) | Q(assignments__valid_until__gte=timezone.localdate())
    admin_grant = Q(assignments__role=Role.ADMIN) & current
    return get_user_model().objects.filter(Q(is_superuser=True) | admin_grant, is_active=True).distinct()
