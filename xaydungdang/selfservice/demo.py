"""Demo of the members' own side: accounts for members of bithu's cell (some activated, some waiting for
their link) and requests in every state, filed by the members and decided by bithu through the services."""

from django.contrib.auth import get_user_model

from xaydungdang.access.choices import Role, Scope
from xaydungdang.access.models import Assignment
from xaydungdang.core.text import fold
from xaydungdang.demo.accounts import DEMO_PASSWORD
from xaydungdang.members.choices import ACTIVE_STATUSES
from xaydungdang.members.models import Member
from xaydungdang.selfservice import services
from xaydungdang.selfservice.choices import RequestKind

ACCOUNTS = 6  # members of the cell given an account besides dangvien
STREETS = ("Trần Hưng Đạo", "Nguyễn Trãi", "Mậu Thân", "30 Tháng 4", "Lý Tự Trọng", "Hùng Vương")


def _account(member: Member, *, activated: bool):
    User = get_user_model()
    username = fold(member.full_name).replace(" ", "")
    if User.objects.filter(username=username).exists():
        username = f"{username}{member.pk}"
    family, _sep, given = member.full_name.rpartition(" ")
    user = User(username=username, first_name=given, last_name=family, email=f"{username}@example.org")
    if activated:
        user.set_password(DEMO_PASSWORD)
    else:
        user.set_unusable_password()  # invited: waits for the member to open the link
    user.save()
    Member.objects.filter(pk=member.pk).update(user=user)
    member.user = user
    Assignment.objects.get_or_create(
        user=user, role=Role.MEMBER, organization=member.organization, defaults={"scope": Scope.NODE}
    )
    return user


def seed(ctx) -> None:
    User = get_user_model()
    member_user = User.objects.filter(username="dangvien").first()
    secretary = User.objects.filter(username="bithu").first()
    own = Member.objects.select_related("organization").filter(user=member_user).first() if member_user else None
    if own is None or secretary is None:
        return
    cell = own.organization
    others = list(
        Member.objects.filter(organization=cell, status__in=ACTIVE_STATUSES, user__isnull=True).order_by("sort_name")[
            :ACCOUNTS
        ]
    )
    users = [_account(m, activated=index % 3 != 2) for index, m in enumerate(others)]
    rng = ctx.rng

    def street() -> str:
        return f"{rng.randint(1, 250)} {rng.choice(STREETS)}, {cell.name.removeprefix('Chi bộ ')}"

    # dangvien: a document issued, a correction done, one returned, one waiting.
    issued = services.request_create(
        actor=member_user,
        member=own,
        kind=RequestKind.PARTY_AGE,
        payload={"purpose": "bổ sung hồ sơ xét nâng lương"},
    )
    services.request_approve(actor=secretary, request=issued, document_number=f"{rng.randint(1, 40)}-XN/CB")
    done = services.request_create(
        actor=member_user,
        member=own,
        kind=RequestKind.CORRECT_DATA,
        payload={"phone": f"09{rng.randint(10_000_000, 99_999_999)}"},
        note="Đổi số điện thoại",
    )
    services.request_approve(actor=secretary, request=done)
    returned = services.request_create(
        actor=member_user,
        member=own,
        kind=RequestKind.INTRODUCTION,
        payload={"addressee": "Ủy ban nhân dân phường", "purpose": "liên hệ công tác"},
    )
    services.request_return(actor=secretary, request=returned, reason="Ghi rõ nội dung công việc cần liên hệ")
    services.request_create(
        actor=member_user,
        member=own,
        kind=RequestKind.CORRECT_DATA,
        payload={"address": street()},
        note="Chuyển nơi ở mới",
    )
    # Other members of the cell: requests waiting for bithu (in Việc cần làm and the inbox).
    for user, member in zip(users, others, strict=True):
        if not user.has_usable_password():
            continue
        _file(user, member, rng, street)
    ctx.write(f"  {len(users)} tài khoản đảng viên, {own.self_requests.count()} đề nghị của dangvien")


def _file(user, member, rng, street) -> None:
    if rng.random() < 0.5:
        services.request_create(
            actor=user, member=member, kind=RequestKind.CORRECT_DATA, payload={"address": street()}, note="Đổi nơi ở"
        )
    else:
        services.request_create(
            actor=user, member=member, kind=RequestKind.PARTY_AGE, payload={"purpose": "bổ sung hồ sơ cá nhân"}
        )
