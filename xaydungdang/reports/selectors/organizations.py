"""Organizations of a subtree by kind on a date, and those founded or dissolved in a period."""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.models import Organization


def existing_on(on: dt.date) -> Q:
    """Organizations founded by `on` (or of unknown founding date) and not dissolved by then."""
    return (Q(founded_on__isnull=True) | Q(founded_on__lte=on)) & (
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on)
    )


def below(organization) -> QuerySet:
    """The organizations under `organization` (its subtree without itself)."""
    return Organization.objects.filter(path__startswith=organization.path).exclude(pk=organization.pk).order_by()


def organization_counts(organization, on: dt.date) -> dict:
    """{"total": n, "by_kind": {kind: n}} of the organizations under `organization` on `on`."""
    rows = below(organization).filter(existing_on(on)).values("kind").annotate(n=Count("pk"))
    by_kind = dict.fromkeys(OrganizationKind.values, 0)
    for row in rows:
        by_kind[row["kind"]] = row["n"]
    return {"total": sum(by_kind.values()), "by_kind": by_kind}


def organization_changes(organization, start: dt.date, end: dt.date) -> dict:
    """Organizations founded and dissolved after `start`, up to and including `end`, by kind."""
    result = {}
    for key, field in (("founded", "founded_on"), ("dissolved", "dissolved_on")):
        rows = (
            below(organization)
            .filter(**{f"{field}__gt": start, f"{field}__lte": end})
            .values("kind")
            .annotate(n=Count("pk"))
        )
        by_kind = {row["kind"]: row["n"] for row in rows}
        result[key] = {"total": sum(by_kind.values()), "by_kind": by_kind}
    return result
