"""Defect 3: five failures with a made-up name must not lock out everyone behind the same address."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from rest_framework.test import APIClient

from conftest import PASSWORD

pytestmark = pytest.mark.django_db
OFFICE = "203.0.113.7"


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_ADDRESS_FAILURE_LIMIT = 12


def _login(username: str, password: str, address: str = OFFICE):
    return Client(REMOTE_ADDR=address).post("/accounts/login/", {"username": username, "password": password})


def test_five_failures_with_a_made_up_name_do_not_lock_colleagues_behind_the_same_address(users):
    for _ in range(6):
        _login("khongcoai", "sai-mat-khau")
    assert _login("khongcoai", "sai-mat-khau").status_code == 429
    response = _login("bithu", PASSWORD)
    assert response.status_code == 302 and response.url == "/"


def test_the_pair_is_locked_after_five_failures_even_with_the_right_password(users):
    for _ in range(5):
        _login("bithu", "sai-mat-khau")
    locked = _login("bithu", PASSWORD)
    assert locked.status_code == 429
    assert "Đăng nhập tạm bị khóa" in locked.content.decode()
    # The same person from home is not locked.
    assert _login("bithu", PASSWORD, address="198.51.100.20").status_code == 302


def test_an_address_guessing_many_names_is_locked_past_the_higher_ceiling(users):
    for number in range(12):
        _login(f"ten{number}", "sai-mat-khau")
    assert _login("bithu", PASSWORD).status_code == 429
    assert _login("bithu", PASSWORD, address="198.51.100.20").status_code == 302


def test_the_token_endpoint_answers_429_in_vietnamese_when_locked(users):
    client = APIClient(REMOTE_ADDR=OFFICE)
    answers = [
        client.post("/api/v1/auth/token/", {"username": "bantochuc", "password": "sai"}).status_code for _ in range(5)
    ]
    assert answers[:4] == [400] * 4 and answers[4] == 429
    response = client.post("/api/v1/auth/token/", {"username": "bantochuc", "password": PASSWORD})
    assert response.status_code == 429
    assert "Đăng nhập tạm bị khóa" in response.json()["detail"]
    assert AccessAttempt.objects.filter(username="bantochuc", ip_address=OFFICE).exists()
