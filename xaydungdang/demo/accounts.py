"""The four demo accounts, one per kind of user, created only by `seed_demo`."""

from django.db.models import Count

from xaydungdang.access.choices import Role, Scope
from xaydungdang.access.models import Assignment
from xaydungdang.accounts.models import User
from xaydungdang.members.choices import ACTIVE_STATUSES
from xaydungdang.members.models import Member
from xaydungdang.organizations.choices import Sector
from xaydungdang.organizations.models import Organization

DEMO_PASSWORD = "xaydungdang-demo"  # noqa: S105 - a published demo password, never a real account


def demo_user(username: str, first_name: str, last_name: str, *, superuser: bool = False) -> User:
    user = User.objects.filter(username=username).first() or User(username=username)
    user.first_name, user.last_name = first_name, last_name
    user.is_staff = user.is_superuser = superuser
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _assign(user: User, role: str, organization: Organization, scope: str) -> None:
    Assignment.objects.update_or_create(user=user, role=role, organization=organization, defaults={"scope": scope})


def busiest_cell(root: Organization) -> Organization:
    """The hamlet cell with the most active members (any cell when there is none; ties: first by path)."""
    active = Member.objects.filter(organization__path__startswith=root.path, status__in=ACTIVE_STATUSES)
    hamlets = active.filter(organization__sector=Sector.VILLAGE)
    top = (
        (hamlets if hamlets.exists() else active)
        .values("organization__path", "organization")
        .annotate(count=Count("id"))
        .order_by("-count", "organization__path")
        .first()
    )
    return Organization.objects.get(pk=top["organization"])


def create_demo_accounts(root: Organization, admin: User) -> dict[str, tuple[User, Organization, str]]:
    """quantri (administrator), bantochuc (organization officer), bithu (a cell's secretary), dangvien."""
    _assign(admin, Role.ADMIN, root, Scope.SUBTREE)
    officer = demo_user("bantochuc", "Cán bộ Ban Tổ chức", "")
    _assign(officer, Role.OFFICER, root, Scope.SUBTREE)
    cell = busiest_cell(root)
    secretary = demo_user("bithu", "Bí thư", "")
    _assign(secretary, Role.SECRETARY, cell, Scope.NODE)
    member = Member.objects.filter(organization=cell, status__in=ACTIVE_STATUSES, user__isnull=True).order_by("id")[0]
    family, _, given = member.full_name.rpartition(" ")
    member_user = demo_user("dangvien", given, family)
    Member.objects.filter(user=member_user).update(user=None)
    Member.objects.filter(pk=member.pk).update(user=member_user)
    _assign(member_user, Role.MEMBER, cell, Scope.NODE)
    return {
        "quantri": (admin, root, Role.ADMIN.label),
        "bantochuc": (officer, root, Role.OFFICER.label),
        "bithu": (secretary, cell, Role.SECRETARY.label),
        "dangvien": (member_user, cell, f"{Role.MEMBER.label}: {member.full_name}"),
    }
