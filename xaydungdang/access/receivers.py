"""Logins and failed logins go to the access log, through its one writer."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from xaydungdang.access.models import AccessLog
from xaydungdang.access.services import access_log_record


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs) -> None:
    access_log_record(
        user=user, kind=AccessLog.Kind.LOGIN, channel=AccessLog.Channel.LOGIN, what=user.username, request=request
    )


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    access_log_record(
        user=None, kind=AccessLog.Kind.LOGIN_FAILED, channel=AccessLog.Channel.LOGIN, what=username, request=request
    )
