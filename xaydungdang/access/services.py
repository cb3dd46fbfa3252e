"""Writes of the access app."""

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from xaydungdang.access.choices import Scope
from xaydungdang.access.models import PERSONAL_READ_KINDS, AccessLog, Assignment
from xaydungdang.access.signals import personal_data_read


@transaction.atomic
def assignment_create(*, user, role: str, organization, scope: str = Scope.SUBTREE) -> Assignment:
    assignment = Assignment(user=user, role=role, organization=organization, scope=scope)
    assignment.full_clean()
    assignment.save()
    return assignment


def client_ip(request) -> str | None:
    """The client's address, the one place that honours the proxy setting: the login throttling (django-axes,
    through AXES_CLIENT_IP_CALLABLE) and the access log agree on who "from where" is.

    Behind `AXES_IPWARE_PROXY_COUNT` reverse proxies, each appending the address it received from to
    X-Forwarded-For, the client is that many hops from the right (what a client wrote itself further left is
    not believed); with no proxy configured the header is ignored and the socket's address is the client."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR")
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:  # a malformed forwarded header is not an address
        return None


def access_log_record(
    *,
    user,
    kind: str,
    what: str,
    detail: dict | None = None,
    request=None,
    channel: str = "",
    count: int = 0,
    fields: Iterable[str] = (),
) -> AccessLog:
    """Record one access (a login, a read, an export, an import, a document): one INSERT. Reads of personal
    data then go to `personal_data_read`'s receivers (the bulk-read alert of the notifications app)."""
    user = user if getattr(user, "pk", None) is not None else None
    row = AccessLog.objects.create(
        user=user,
        kind=kind,
        channel=channel,
        what=str(what)[:500],
        count=max(int(count), 0),
        fields=sorted(set(fields)),
        detail=detail or {},
        ip_address=client_ip(request),
    )
    if row.kind in PERSONAL_READ_KINDS and row.count and row.user_id is not None:
        personal_data_read.send(sender=AccessLog, log=row)
    return row


def log_personal_read(
    request, what: str, count: int, fields: Iterable[str], *, channel: str | None = None, detail: dict | None = None
) -> AccessLog | None:
    """Record that `request.user` was shown `fields` (personal data, unmasked) of `count` records: one row per
    request, never per record. Nothing is written when no record was shown unmasked."""
    if count <= 0:
        return None
    if channel is None:
        channel = AccessLog.Channel.API if request.path.startswith("/api/") else AccessLog.Channel.PAGE
    return access_log_record(
        user=request.user,
        kind=AccessLog.Kind.READ,
        what=what,
        request=request,
        channel=channel,
        count=count,
        fields=fields,
        detail=detail,
    )
