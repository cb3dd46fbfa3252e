"""Settings a first production week needs: a dropped connection is reopened, sessions end when idle, and
`check --deploy` finds nothing under the production settings."""

import datetime as dt
import os
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD

BASE_DIR = settings.BASE_DIR


def test_connection_health_checks_are_on():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a server that drops connections: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_dropped_is_reopened_not_a_500(monkeypatch):
    # Keep the connection between requests, as production does (the test settings close it every time).
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)
    connection.ensure_connection()
    connection.close_at = None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    # What a real server does when a request starts (the test client leaves it out).
    close_old_connections()
    response = Client(raise_request_exception=False).get("/healthz")
    assert response.status_code == 200
    connection.close()


@pytest.mark.django_db
def test_a_session_ends_after_eight_idle_hours_and_use_pushes_it_on_without_a_write_per_request(users):
    from django.contrib.sessions.models import Session

    client = Client()
    client.post("/accounts/login/", {"username": "bithu", "password": PASSWORD})
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    key = client.session.session_key
    first = client.session.get_expiry_date()
    assert abs(first - (timezone.now() + dt.timedelta(hours=8))) < dt.timedelta(minutes=1)

    # Used again within the refresh interval: the session is not written.
    soon = timezone.now() + dt.timedelta(hours=7, minutes=30)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    assert client.get("/members/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date == soon

    # Last refreshed longer ago than the interval: the expiry moves forward by the whole idle timeout.
    session = client.session
    session["_touched"] = 0
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    assert client.get("/members/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date > timezone.now() + dt.timedelta(hours=7)

    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/members/")["Location"].startswith("/accounts/login/")


def test_check_deploy_is_clean_under_the_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-long-random-production-key-for-the-check-only-" + "x7Qp" * 8,
        "ALLOWED_HOSTS": "xaydungdang.example.vn",
        "DEBUG": "false",
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_sends_hsts_for_a_year():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-long-random-production-key-for-the-check-only-" + "x7Qp" * 8,
        "DEBUG": "false",
    }
    code = "from django.conf import settings; print(settings.SECURE_HSTS_SECONDS)"
    result = subprocess.run(  # noqa: S603 - our own interpreter with a fixed argument list
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == str(365 * 24 * 3600), result.stderr
