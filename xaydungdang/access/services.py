"""Writes of the access app."""

from django.db import transaction

from xaydungdang.access.choices import Scope
from xaydungdang.access.models import AccessLog, Assignment


@transaction.atomic
def assignment_create(*, user, role: str, organization, scope: str = Scope.SUBTREE) -> Assignment:
    assignment = Assignment(user=user, role=role, organization=organization, scope=scope)
    assignment.full_clean()
    assignment.save()
    return assignment


def access_log_record(*, user, kind: str, what: str, detail: dict | None = None, request=None) -> AccessLog:
    """Record an export, import or document produced with personal data."""
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    return AccessLog.objects.create(user=user, kind=kind, what=what[:500], detail=detail or {}, ip_address=ip)
