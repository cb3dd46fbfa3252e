"""The OpenAPI schema documents the new operations (the event request as one variant per kind) without
warnings, and the docs page shows each variant's fields."""

import re

from django.core.management import call_command

from xaydungdang.api.events import EVENT_REQUESTS


def test_the_schema_is_valid_and_has_no_warnings(db, tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_the_event_request_is_one_variant_per_kind(client):
    schema = client.get("/api/schema/?format=json").json()
    body = schema["paths"]["/api/v1/members/{id}/events/"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/EventRequest"}
    request = schema["components"]["schemas"]["EventRequest"]
    assert request["discriminator"]["propertyName"] == "kind"
    assert list(request["discriminator"]["mapping"]) == list(EVENT_REQUESTS)
    transfer = schema["components"]["schemas"]["TransferredOutEvent"]
    assert set(transfer["required"]) == {"kind", "issued_on", "letter_number"}
    assert [option["type"] for option in transfer["properties"]["to_organization"]["oneOf"]] == ["integer", "string"]
    for path in (
        "/api/v1/transfers/{id}/accept/",
        "/api/v1/candidates/",
        "/api/v1/reviews/",
        "/api/v1/review-periods/",
    ):
        assert path in schema["paths"]


def test_the_docs_page_lists_the_fields_of_each_kind(users, client):
    client.force_login(users.officer)
    text = client.get("/api/docs/").content.decode()
    assert "<code>transferred_out</code>" in text and "<code>letter_number</code>" in text
    assert "<code>ground</code>" in text and "integer | string" in text


def test_the_docs_page_speaks_the_users_language(admin_client):
    """Issue 17 item 15: its title, description and groups follow the language like its headings."""
    from django.conf import settings

    page = admin_client.get("/api/docs/").content.decode()
    assert "API của hệ thống quản lý công tác xây dựng Đảng" in page and "xaydungdang API" not in page
    assert ">Xác thực</h2>" in page and ">v1</h2>" not in page and ">Đảng viên</h2>" in page
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = admin_client.get("/api/docs/").content.decode()
    assert "API of the party-building work management system" in page
    assert ">Authentication</h2>" in page and ">Party organizations</h2>" in page and "Xác thực" not in page
    groups = re.findall(r'<h2 class="h5[^>]*>([^<]*)</h2>', page)
    assert len(groups) == len(set(groups)) >= 10  # one section per group (they were split and repeated)


def test_every_operation_has_a_summary_and_a_description_in_the_users_language(admin_client):
    """Issue 17 item 15 leftover: the operations showed the views' English docstrings on the Vietnamese page."""
    from django.conf import settings
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator

    from xaydungdang.api.docs import operations

    with translation.override("vi"):
        found = operations(SchemaGenerator().get_schema(request=None, public=True))
    assert len(found) >= 70
    assert [op["id"] for op in found if not op["summary"] or not op["description"]] == []
    english = re.compile(r"\b(the|of|and|user|POST records)\b")
    assert [op["id"] for op in found if english.search(op["summary"] + " " + op["description"])] == []
    page = admin_client.get("/api/docs/").content.decode()
    assert "Lấy mã truy cập" in page and "Members the user may see" not in page
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = admin_client.get("/api/docs/").content.decode()
    assert "Get an access token" in page and "Members the user may see" in page
    assert "Đảng viên người dùng được xem" not in page
