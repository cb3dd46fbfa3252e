"""Two-factor login (TOTP with django-otp, recovery codes with its static device).

The password logs the user in as usual (Django's login view, throttled by axes); the login then leaves a
mark in the session when a second step is still owed:

- `verify`: the user has a confirmed authenticator; every page but the code page is closed until a valid code
  (a TOTP code or one recovery code, each recovery code working once);
- `setup`: the user must use two factors (`OTP_REQUIRED_FOR_OFFICERS`: administrators and every role with a
  subtree grant, decided by access/second_factor.py) and has none yet; every page but the setup page is closed.

The mark is set once at login (access/second_factor.py listens to `user_logged_in`), so a page view costs no
query when nothing is owed. A member without an authenticator, or anyone under the local settings, logs in by
password alone.
"""

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from xaydungdang.core.querystring import query_text

PENDING = "_second_factor"
VERIFY = "verify"
SETUP = "setup"
RECOVERY_CODES = 10
AUTHENTICATOR_NAME = gettext_lazy("Ứng dụng xác thực")
RECOVERY_NAME = gettext_lazy("Mã khôi phục")

CODE_NEEDED = gettext_lazy(
    "Cần mã xác thực hai bước: 6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục chưa dùng."
)
CODE_WRONG = gettext_lazy("Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã mới trong ứng dụng xác thực.")
SETUP_NEEDED = gettext_lazy(
    "Tài khoản này phải dùng xác thực hai bước: hãy đăng nhập trên trang web và thiết lập ứng dụng xác thực trước."
)


def start(request, user, *, required: bool) -> None:
    """At login: note in the session which second step the user still owes, if any."""
    session = request.session
    session.pop(PENDING, None)
    if session.get(DEVICE_ID_SESSION_KEY):
        return
    if user_has_device(user, confirmed=True):
        session[PENDING] = VERIFY
    elif required:
        session[PENDING] = SETUP


def pending(request) -> str | None:
    session = getattr(request, "session", None)
    return session.get(PENDING) if session is not None else None


def verified(request, device) -> None:
    """The second step is done: the session is bound to the device that accepted the code."""
    otp_login(request, device)
    request.session.pop(PENDING, None)


def check_code(user, code: str):
    """The device that accepts `code` (a recovery code is used up by it), or None.

    Six digits go to the authenticator, anything else to the recovery codes (8 letters and digits), so a
    recovery code does not count as a wrong try of the authenticator (django-otp slows down each device's
    next try after a wrong one)."""
    code = "".join((code or "").split()).lower()
    if not code or len(code) > 16:
        return None
    kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        for device in kind.objects.filter(user=user, confirmed=True).order_by("pk"):
            if device.verify_token(code):
                return device
    return None


def has_authenticator(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_authenticator(user) -> TOTPDevice:
    """The user's authenticator being set up (made once, its secret kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=str(AUTHENTICATOR_NAME), confirmed=False)
    return device


def confirm_authenticator(device: TOTPDevice) -> list[str]:
    """The scanned authenticator becomes the user's only one; new recovery codes are returned (shown once)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=str(RECOVERY_NAME), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def devices(user):
    return list(devices_for_user(user, confirmed=True))


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or query_text(request, "next", max_length=2000)
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


class SecondFactorMiddleware:
    """After OTPMiddleware: a session that still owes its second step reaches only the steps themselves."""

    EXEMPT_NAMES = ("login", "logout", "otp_verify", "otp_setup", "set_language", "healthz")

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self._exempt: tuple[str, ...] | None = None
        self._api = ""

    def exempt_paths(self) -> tuple[str, ...]:
        if self._exempt is None:
            self._exempt = tuple(reverse(name) for name in self.EXEMPT_NAMES)
            self._api = reverse("api:schema").removesuffix("schema/")
        return self._exempt

    def __call__(self, request):
        step = pending(request)
        if step and request.user.is_authenticated and not self._allowed(request):
            return self._refuse(request, step)
        return self.get_response(request)

    def _allowed(self, request) -> bool:
        path = request.path_info
        static = "/" + settings.STATIC_URL.lstrip("/")
        return path in self.exempt_paths() or path.startswith(static)

    def _refuse(self, request, step: str):
        if request.path_info.startswith(self._api):
            message = SETUP_NEEDED if step == SETUP else CODE_NEEDED
            return JsonResponse({"detail": str(message)}, status=403)
        target = reverse("otp_setup" if step == SETUP else "otp_verify")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        response = HttpResponseRedirect(target)
        if getattr(request, "htmx", False):
            response["HX-Redirect"] = target
        return response


def step_message(step: str) -> str:
    if step == SETUP:
        return _("Tài khoản của bạn phải dùng xác thực hai bước. Hãy thiết lập ứng dụng xác thực để tiếp tục.")
    return _("Hãy nhập mã xác thực hai bước để tiếp tục.")
