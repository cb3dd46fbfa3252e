"""Exports in the import template's layout, so that export → import is a round trip that changes nothing.
Sensitive fields are masked for a user who may not see them (the mask never imports back)."""

from collections.abc import Iterator

from django.db.models import QuerySet

from xaydungdang.access.policy import AccessPolicy
from xaydungdang.core.history import SENSITIVE_FIELDS, mask
from xaydungdang.exchange.columns import member_columns, organization_columns

EXPORT_CHUNK = 2000


def member_rows(queryset: QuerySet, policy: AccessPolicy) -> Iterator[dict]:
    fields = [c.field for c in member_columns() if c.field != "organization_code"]
    for member in queryset.select_related("organization").iterator(chunk_size=EXPORT_CHUNK):
        row = {name: getattr(member, name) for name in fields}
        row["organization_code"] = member.organization.code
        if not policy.sees_member_personal_data(member):
            row.update({name: mask(row[name]) for name in SENSITIVE_FIELDS})
        yield row


def organization_rows(queryset: QuerySet) -> Iterator[dict]:
    fields = [c.field for c in organization_columns() if c.field != "parent_code"]
    paths = {}
    for organization in queryset.order_by("path").iterator(chunk_size=EXPORT_CHUNK):
        paths[organization.path] = organization.code
        row = {name: getattr(organization, name) for name in fields}
        row["parent_code"] = paths.get(organization.path[: -organization.steplen], "")
        yield row


class Counted:
    """An iterator that counts what went through it (the export is logged with its number of rows)."""

    def __init__(self, rows: Iterator[dict]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[dict]:
        for row in self.rows:
            self.count += 1
            yield row
