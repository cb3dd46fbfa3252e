"""The second step of the login and the page where a user sets up (or renews) two-factor login."""

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xaydungdang.accounts import second_factor
from xaydungdang.core.forms import BootstrapFormMixin


class CodeForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=32,
        error_messages={"required": second_factor.CODE_NEEDED},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def verify(request):
    """The code page: a TOTP code from the authenticator, or one recovery code."""
    if second_factor.pending(request) != second_factor.VERIFY:
        return redirect(second_factor.safe_next(request, reverse("home")))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.check_code(request.user, form.cleaned_data["code"])
        if device is not None:
            second_factor.verified(request, device)
            if device.persistent_id.startswith("otp_static."):
                left = second_factor.recovery_codes_left(request.user)
                messages.warning(
                    request, _("Bạn vừa dùng một mã khôi phục; còn %(left)s mã chưa dùng.") % {"left": left}
                )
            return redirect(second_factor.safe_next(request, reverse("home")))
        form.add_error("code", second_factor.CODE_WRONG)
    return render(
        request,
        "accounts/otp_verify.html",
        {
            "form": form,
            "next": second_factor.safe_next(request, ""),
            "step_message": second_factor.step_message("verify"),
        },
    )


@login_required
def setup(request):
    """Set up the authenticator: scan the QR code (or type the secret), confirm with a first code."""
    step = second_factor.pending(request)
    if step == second_factor.VERIFY:
        # Owes a code for the authenticator already set up: adding another one would skip it.
        return redirect(reverse("otp_verify") + "?" + request.GET.urlencode())
    if second_factor.has_authenticator(request.user) and step != second_factor.SETUP:
        return render(
            request,
            "accounts/otp_status.html",
            {"codes_left": second_factor.recovery_codes_left(request.user)},
        )
    device = second_factor.pending_authenticator(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = "".join(form.cleaned_data["code"].split())
        if device.verify_token(code):
            codes = second_factor.confirm_authenticator(device)
            second_factor.verified(request, device)
            messages.success(request, _("Đã bật xác thực hai bước."))
            return render(
                request,
                "accounts/otp_recovery_codes.html",
                {"codes": codes, "next": second_factor.safe_next(request, reverse("home"))},
            )
        form.add_error("code", second_factor.CODE_WRONG)
    uri = device.config_url
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "secret": _grouped(_base32(device)),
            "uri": uri,
            "qr_svg": segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
            "required": step == second_factor.SETUP,
            "next": second_factor.safe_next(request, ""),
        },
    )


def _base32(device) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


@login_required
@require_POST
def recovery_codes(request):
    """New recovery codes (the old ones stop working); only in a session that passed its second step."""
    if not (request.user.is_verified() and second_factor.has_authenticator(request.user)):
        return redirect("otp_setup")
    codes = second_factor.new_recovery_codes(request.user)
    return render(request, "accounts/otp_recovery_codes.html", {"codes": codes, "next": reverse("otp_setup")})
