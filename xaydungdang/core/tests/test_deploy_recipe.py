"""The production recipe in deploy/ holds together: what the README's "Production" section walks through."""

import runpy
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"


def test_gunicorn_settings_take_workers_from_the_cpu_count_and_the_environment(monkeypatch):
    import multiprocessing

    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    conf = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert conf["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert conf["timeout"] == 120 and conf["graceful_timeout"] == 30
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["workers"] == 3


def test_compose_brings_up_postgresql_the_app_and_the_worker():
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) >= {"db", "app", "worker"}
    assert services["db"]["image"].startswith("postgres:15")
    assert services["app"]["command"] == ["deploy/web.sh"] and services["worker"]["command"] == ["deploy/worker.sh"]
    assert "qcluster" in (DEPLOY / "worker.sh").read_text()
    assert "gunicorn -c deploy/gunicorn.conf.py config.wsgi" in (DEPLOY / "web.sh").read_text()
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in (DEPLOY / "Dockerfile").read_text()


def test_the_nginx_example_terminates_tls_serves_static_files_and_passes_the_proxy_headers():
    conf = (DEPLOY / "nginx.conf").read_text()
    for needle in [
        "listen 443 ssl",
        "ssl_certificate ",
        "location /static/",
        "client_max_body_size",
        "X-Forwarded-Proto $scheme",
        "X-Forwarded-For $proxy_add_x_forwarded_for",
        "proxy_pass http://xaydungdang",
    ]:
        assert needle in conf, needle
