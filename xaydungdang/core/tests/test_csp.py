"""Content-Security-Policy (django-csp): scripts from our own files only, and no template needs more."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

APPS = Path(__file__).resolve().parents[2]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=|\shx-on", re.I)


@pytest.mark.django_db
def test_pages_carry_a_policy_without_inline_script(users):
    client = Client()
    client.force_login(users.admin)
    for url in [reverse("home"), reverse("members:list"), reverse("reports:dashboard")]:
        policy = client.get(url)["Content-Security-Policy"]
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert script_src.split() == ["script-src", "'self'"], url
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for path in APPS.rglob("templates/**/*.html"):
        source = path.read_text()
        for attributes in SCRIPT_TAG.findall(source):
            if "src=" not in attributes:
                offenders.append(f"{path.relative_to(APPS)}: <script{attributes}>")
        offenders += [f"{path.relative_to(APPS)}: handler" for _ in HANDLER.findall(source)]
    assert offenders == []
