"""Two-factor login: required for administrators and officers over a subtree when the setting is on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from conftest import PASSWORD
from xaydungdang.accounts import second_factor

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
enforced = override_settings(OTP_REQUIRED_FOR_OFFICERS=True)


def _login(username: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits, drift=drift):06d}"


def _forgive(device) -> None:
    """django-otp makes the next try wait after a wrong code (1 s, then 2 s…): the test does not wait."""
    type(device).objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)


def _authenticator(user) -> tuple[TOTPDevice, list[str]]:
    device = second_factor.pending_authenticator(user)
    return device, second_factor.confirm_authenticator(device)


@enforced
def test_an_officer_without_an_authenticator_is_sent_to_the_setup_page_and_reaches_nothing_else(users, members):
    client = _login("bantochuc")
    for url in [
        reverse("home"),
        reverse("members:list"),
        reverse("members:detail", args=[members.hung.pk]),
        reverse("admin:index"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("otp_setup")), url
    # The API through the session is closed too (JSON, Vietnamese).
    response = client.get("/api/v1/members/")
    assert response.status_code == 403 and "xác thực hai bước" in response.json()["detail"]
    # A POST elsewhere changes nothing.
    assert client.post(reverse("members:list")).status_code == 302

    page = client.get(reverse("otp_setup")).content.decode()
    assert "Thiết lập xác thực hai bước" in page and "phải dùng xác thực hai bước" in page
    assert "<svg" in page and "otpauth://totp/" in page
    device = TOTPDevice.objects.get(user=users.officer, confirmed=False)

    wrong = client.post(reverse("otp_setup"), {"code": "000000" if _code(device) != "000000" else "111111"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert client.get(reverse("members:list")).status_code == 302
    _forgive(device)

    done = client.post(reverse("otp_setup"), {"code": _code(device)})
    assert done.status_code == 200 and "Mã khôi phục" in done.content.decode()
    assert StaticToken.objects.filter(device__user=users.officer).count() == second_factor.RECOVERY_CODES
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("members:list")).status_code == 200
    assert client.get(reverse("otp_setup")).status_code == 200  # now the status page


@enforced
def test_an_officer_with_an_authenticator_must_enter_a_valid_code(users, members):
    device, _codes = _authenticator(users.officer)
    client = _login("bantochuc")
    url = reverse("members:detail", args=[members.hung.pk])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("otp_verify"))
    # The setup page cannot be used to add a second authenticator and skip the code.
    assert client.get(reverse("otp_setup")).url.startswith(reverse("otp_verify"))

    page = client.post(reverse("otp_verify"), {"code": "12345x", "next": url})
    assert page.status_code == 200 and "Mã xác thực không đúng" in page.content.decode()
    assert client.get(url).status_code == 302
    assert "Cần mã xác thực" in client.post(reverse("otp_verify"), {"code": ""}).content.decode()
    _forgive(device)

    response = client.post(reverse("otp_verify"), {"code": _code(device), "next": url})
    assert response.status_code == 302 and response.url == url
    assert client.get(url).status_code == 200


@enforced
def test_a_recovery_code_works_once(users):
    _device, codes = _authenticator(users.officer)
    first = _login("bantochuc")
    response = first.post(reverse("otp_verify"), {"code": codes[0].upper()})
    assert response.status_code == 302 and first.get(reverse("members:list")).status_code == 200
    assert StaticToken.objects.filter(device__user=users.officer).count() == second_factor.RECOVERY_CODES - 1

    second = _login("bantochuc")
    assert "Mã xác thực không đúng" in second.post(reverse("otp_verify"), {"code": codes[0]}).content.decode()
    _forgive(second_factor.StaticDevice.objects.get(user=users.officer))
    assert second.get(reverse("members:list")).status_code == 302
    assert second.post(reverse("otp_verify"), {"code": codes[1]}).status_code == 302


@enforced
def test_new_recovery_codes_replace_the_old_ones_in_a_verified_session_only(users):
    device, old = _authenticator(users.officer)
    client = _login("bantochuc")
    # Not yet verified: the page is closed.
    assert client.post(reverse("otp_recovery")).status_code == 302
    client.post(reverse("otp_verify"), {"code": _code(device)})
    page = client.post(reverse("otp_recovery")).content.decode()
    tokens = set(StaticToken.objects.filter(device__user=users.officer).values_list("token", flat=True))
    assert len(tokens) == second_factor.RECOVERY_CODES and not tokens & set(old)
    assert all(token in page for token in tokens)


@enforced
def test_members_and_officers_of_one_node_may_log_in_by_password_alone(users, members):
    member = _login("dangvien")
    assert member.get(reverse("members:detail", args=[members.hung.pk])).status_code == 200
    secretary = _login("bithu")  # a grant on Chi bộ 1 only, not a subtree
    assert secretary.get(reverse("members:list")).status_code == 200
    # ...and may still turn two factors on for themselves, then owe the code at the next login.
    page = secretary.get(reverse("otp_setup")).content.decode()
    assert "phải dùng xác thực hai bước" not in page
    device = TOTPDevice.objects.get(user=users.secretary)
    secretary.post(reverse("otp_setup"), {"code": _code(device)})
    again = _login("bithu")
    assert again.get(reverse("members:list")).url.startswith(reverse("otp_verify"))


@enforced
def test_an_administrator_is_required_to_use_two_factors(users):
    assert _login("quantri").get(reverse("home")).url.startswith(reverse("otp_setup"))


def test_without_enforcement_an_officer_logs_in_by_password_alone(users):
    assert settings.OTP_REQUIRED_FOR_OFFICERS is False
    client = _login("bantochuc")
    assert client.get(reverse("members:list")).status_code == 200


@enforced
def test_the_token_endpoint_asks_for_the_second_factor(users):
    url = reverse("api:token")
    body = {"username": "bantochuc", "password": PASSWORD}
    response = Client().post(url, body, content_type="application/json")
    assert response.status_code == 401 and "xác thực hai bước" in response.json()["detail"]
    assert not AuthToken.objects.exists()

    device, codes = _authenticator(users.officer)
    response = Client().post(url, body, content_type="application/json")
    assert response.status_code == 401 and "Cần mã xác thực" in response.json()["otp"][0]
    response = Client().post(url, {**body, "otp": "000000x"}, content_type="application/json")
    assert response.status_code == 401 and "không đúng" in response.json()["otp"][0]
    assert not AuthToken.objects.exists()
    _forgive(device)
    _forgive(second_factor.StaticDevice.objects.get(user=users.officer))

    response = Client().post(url, {**body, "otp": _code(device)}, content_type="application/json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert Client().get("/api/v1/members/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    # A recovery code is accepted once here too.
    assert Client().post(url, {**body, "otp": codes[0]}, content_type="application/json").status_code == 200
    assert Client().post(url, {**body, "otp": codes[0]}, content_type="application/json").status_code == 401
    _forgive(second_factor.StaticDevice.objects.get(user=users.officer))

    # Stored hashed: no column of any token row holds the token.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {AuthToken._meta.db_table}")  # noqa: S608 (a model's table name)
        rows = cursor.fetchall()
    assert len(rows) == 2 and all(token not in str(value) for row in rows for value in row)


def test_a_member_with_an_authenticator_sends_the_code_to_the_token_endpoint_too(users):
    device, _codes = _authenticator(users.member)
    url = reverse("api:token")
    body = {"username": "dangvien", "password": PASSWORD}
    assert Client().post(url, body, content_type="application/json").status_code == 401
    ok = Client().post(url, {**body, "otp": _code(device)}, content_type="application/json")
    assert ok.status_code == 200


def test_the_verify_page_refuses_a_next_address_off_the_site(users):
    device, _codes = _authenticator(users.member)
    client = _login("dangvien")
    response = client.post(reverse("otp_verify"), {"code": _code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("home")


@pytest.mark.parametrize(("module", "expected"), [("local", "False"), ("production", "True")])
def test_enforcement_is_off_under_the_local_settings_and_on_in_production(module, expected):
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 60,
        "DEBUG": "false" if module == "production" else "true",
    }
    env.pop("OTP_REQUIRED_FOR_OFFICERS", None)
    code = f"import config.settings.{module} as s; print(s.OTP_REQUIRED_FOR_OFFICERS)"
    out = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == expected
