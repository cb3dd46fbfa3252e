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
    return _every_kind(_by_kind(organization, {"existing": existing_on(on)})["existing"])


def organization_changes(organization, start: dt.date, end: dt.date) -> dict:
    """Organizations founded and dissolved after `start`, up to and including `end`, by kind."""
    return _by_kind(organization, _changes(start, end))


def organization_figures(organization, on: dt.date, start: dt.date) -> tuple[dict, dict]:
    """organization_counts on `on` and organization_changes from `start` to `on`, in one query."""
    figures = _by_kind(organization, {"existing": existing_on(on), **_changes(start, on)})
    existing = figures.pop("existing")
    return _every_kind(existing), figures


CHANGES = (("founded", "founded_on"), ("dissolved", "dissolved_on"))


def _changes(start: dt.date, end: dt.date) -> dict[str, Q]:
    return {key: Q(**{f"{field}__gt": start, f"{field}__lte": end}) for key, field in CHANGES}


def _by_kind(organization, filters: dict[str, Q]) -> dict[str, dict]:
    """For each named filter, the organizations under `organization` it keeps, by kind: one grouped query."""
    counts = {name: Count("pk", filter=q) for name, q in filters.items()}
    rows = list(below(organization).values("kind").annotate(**counts))
    result = {}
    for name in filters:
        by_kind = {row["kind"]: row[name] for row in rows if row[name]}
        result[name] = {"total": sum(by_kind.values()), "by_kind": by_kind}
    return result


def _every_kind(counts: dict) -> dict:
    """The counts with a 0 for every kind absent (the dashboard's chart lists them all)."""
    return {**counts, "by_kind": {**dict.fromkeys(OrganizationKind.values, 0), **counts["by_kind"]}}
