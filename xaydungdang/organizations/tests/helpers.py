"""Small helpers shared by the view tests of organizations and members."""

from django.test import Client

from conftest import PASSWORD
from xaydungdang.organizations.choices import DEFAULT_KIND_RULES
from xaydungdang.organizations.models import KindRule


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


def ensure_kind_rules() -> None:
    """The default KindRule rows (a migration seeds them; this keeps tests independent of that)."""
    for parent_kind, child_kinds in DEFAULT_KIND_RULES.items():
        for child_kind in child_kinds:
            KindRule.objects.get_or_create(parent_kind=str(parent_kind), child_kind=str(child_kind))


def text(response) -> str:
    return response.content.decode()
