"""Who must log in with two factors: the policy decides, a setting turns the rule on.

`OTP_REQUIRED_FOR_OFFICERS` (on in production, off under the local settings so the demo accounts log in by
password alone): administrators and everyone holding a grant over a subtree must set up an authenticator;
members (and officers of one node only) may. The login flow itself is accounts/second_factor.py.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from xaydungdang.access.policy import policy_for
from xaydungdang.accounts import second_factor


def second_factor_required(user) -> bool:
    if not getattr(settings, "OTP_REQUIRED_FOR_OFFICERS", False):
        return False
    policy = policy_for(user)
    return policy.is_admin or any(grant.subtree for grant in policy.grants)


@receiver(user_logged_in, dispatch_uid="access.second_factor.start")
def start_second_factor(sender, request, user, **kwargs) -> None:
    """A password login (page, admin or test client) opens a session that may still owe its second step."""
    session = getattr(request, "session", None)
    if session is None or session.get(SESSION_KEY) != str(user.pk):
        return  # the API token endpoint announces a login without a session
    second_factor.start(request, user, required=second_factor_required(user))
