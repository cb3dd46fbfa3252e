"""Login throttling that does not lock out a whole office behind one address.

Failures are counted per (username, address) pair: five wrong passwords for one name lock that name from that
address only. An address as a whole is locked only past a much higher ceiling (`AXES_ADDRESS_FAILURE_LIMIT`),
so someone guessing many names from one place is still stopped, and colleagues behind the same NAT are not.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def address_failures(ip_address: str | None) -> int:
    if not ip_address:
        return 0
    total = AccessAttempt.objects.filter(ip_address=ip_address).aggregate(total=Sum("failures_since_start"))
    return total["total"] or 0


class PairThenAddressHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return address_failures(getattr(request, "axes_ip_address", None)) >= settings.AXES_ADDRESS_FAILURE_LIMIT

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        # The base handler marks the response as a lockout only from the pair's count; the address's too.
        if request is not None and not getattr(request, "axes_locked_out", False):
            if address_failures(getattr(request, "axes_ip_address", None)) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
                request.axes_locked_out = True
                request.axes_credentials = credentials
