"""Logins and failed logins go to the access log."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from xaydungdang.access.models import AccessLog


def _ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs) -> None:
    AccessLog.objects.create(user=user, kind=AccessLog.Kind.LOGIN, what=user.username, ip_address=_ip(request))


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    AccessLog.objects.create(kind=AccessLog.Kind.LOGIN_FAILED, what=username, ip_address=_ip(request))
