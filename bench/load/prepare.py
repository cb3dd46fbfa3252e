"""Before the load test: the 200,000-member dataset (dataset.py), the simulated users and a review period with
the dossiers the secretaries fill in; writes targets.json (what the locust users visit)."""

import json
import os
import sys
from pathlib import Path
from random import Random

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "load_settings")

import dataset  # noqa: E402

PASSWORD = "load-password-123"  # noqa: S105 (the load dataset's simulated users only)
OFFICERS, SECRETARIES, PROVINCES = 20, 40, 5


def users_and_targets() -> dict:
    from django.db import transaction
    from django.db.models import Count

    from xaydungdang.access.choices import Role, Scope
    from xaydungdang.access.models import Assignment
    from xaydungdang.accounts.models import User
    from xaydungdang.core.dates import today
    from xaydungdang.members.models import Member
    from xaydungdang.organizations.choices import OrganizationKind as K
    from xaydungdang.organizations.models import Organization
    from xaydungdang.reviews import services
    from xaydungdang.reviews.models import Review, ReviewPeriod

    random = Random(2025)
    root = Organization.objects.get(depth=1)
    provinces = list(Organization.objects.filter(depth=2).order_by("path"))
    cells = list(
        Organization.objects.filter(kind__in=[K.CELL, K.GRASSROOTS_CELL])
        .annotate(n=Count("members"))
        .filter(n__gte=10)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        admin, _ = User.objects.get_or_create(username="load-admin", defaults={"first_name": "Quản trị tải"})
        admin.set_password(PASSWORD)
        admin.save()
        Assignment.objects.get_or_create(
            user=admin, role=Role.ADMIN, organization=root, defaults={"scope": Scope.SUBTREE}
        )
        officers = []
        for index in range(OFFICERS):
            user, _ = User.objects.get_or_create(username=f"load-officer-{index}")
            user.set_password(PASSWORD)
            user.save()
            province = provinces[index % PROVINCES]
            Assignment.objects.get_or_create(
                user=user, role=Role.OFFICER, organization=province, defaults={"scope": Scope.SUBTREE}
            )
            officers.append({"username": user.username, "province": province.pk})
        year = today().year
        period = ReviewPeriod.objects.filter(organization=root, year=year).first() or services.period_open(
            actor=admin, organization=root, year=year
        )
        secretaries = []
        for index, cell_pk in enumerate(random.sample(cells, SECRETARIES)):
            cell = Organization.objects.get(pk=cell_pk)
            user, _ = User.objects.get_or_create(username=f"load-secretary-{index}")
            user.set_password(PASSWORD)
            user.save()
            Assignment.objects.get_or_create(
                user=user, role=Role.SECRETARY, organization=cell, defaults={"scope": Scope.NODE}
            )
            dossier = services.dossier_open(actor=admin, period=period, organization=cell)
            rows = list(Review.objects.filter(dossier=dossier, member__isnull=False).values_list("pk", flat=True))
            secretaries.append({"username": user.username, "period": period.pk, "cell": cell.pk, "rows": rows})

    def scope(path: str) -> dict:
        """What an officer over the subtree at `path` visits (all of it in scope: no 404 to measure)."""
        member_ids = list(
            Member.objects.filter(organization__path__startswith=path).order_by("?").values_list("pk", flat=True)[:1000]
        )
        names = list(Member.objects.filter(pk__in=member_ids[:200]).values_list("full_name", flat=True))
        orgs = Organization.objects.filter(path__startswith=path)
        communes = list(orgs.filter(depth=3).order_by("?").values_list("pk", flat=True)[:100])
        inside = list(orgs.filter(pk__in=cells).order_by("?").values_list("pk", flat=True)[:200])
        return {
            "members": member_ids,
            "searches": sorted({" ".join(name.split()[i] for i in (0, -1)) for name in names}),
            "organizations": communes + inside[:100],
            "dossiers": [[period.pk, pk] for pk in inside],
        }

    scopes = {admin.username: scope(root.path)}
    by_province: dict = {}
    for officer in officers:
        if officer["province"] not in by_province:
            by_province[officer["province"]] = scope(Organization.objects.get(pk=officer["province"]).path)
        scopes[officer["username"]] = by_province[officer["province"]]
    return {
        "password": PASSWORD,
        "admin": admin.username,
        "officers": officers,
        "secretaries": secretaries,
        "period": period.pk,
        "scopes": scopes,
    }


if __name__ == "__main__":
    dataset.ensure()
    targets = users_and_targets()
    (HERE / "targets.json").write_text(json.dumps(targets))
    print(f"{len(targets['officers'])} officers, {len(targets['secretaries'])} secretaries, period {targets['period']}")
