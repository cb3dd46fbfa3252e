"""Issue 16, defect 4: every read of personal data (pages, API, exports, documents) leaves one access-log row
(who, what, how many records, which fields, when, from where); the log is read-only in the admin; bulk reads
alert the administrators once per window."""

import pytest
from django.test import RequestFactory

from conftest import PASSWORD
from xaydungdang.access.models import AccessLog
from xaydungdang.access.services import access_log_record, client_ip, log_personal_read
from xaydungdang.api.tests.clients import client_for
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.notifications.models import Notification

pytestmark = pytest.mark.django_db

READ = AccessLog.Kind.READ


def reads(user, **filters):
    return list(AccessLog.objects.filter(user=user, kind=READ, **filters).order_by("at", "id"))


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


# --- API -------------------------------------------------------------------------------------------------
def test_the_api_member_list_with_national_ids_is_logged_with_its_count(users, members):
    response = client_for(users.officer).get("/api/v1/members/", REMOTE_ADDR="203.0.113.7")
    rows = response.json()["results"]
    assert any(row["national_id"] == "092085000123" for row in rows)  # unmasked for the officer
    [log] = reads(users.officer)
    assert log.channel == AccessLog.Channel.API
    assert log.count == len(rows) == 5
    assert "national_id" in log.fields and set(log.fields) <= {"national_id", "address", "phone"}
    assert log.what == "API /api/v1/members/"
    assert log.ip_address == "203.0.113.7"


def test_every_page_of_the_api_list_is_logged_with_the_rows_it_returned(users, tree):
    MemberFactory.create_batch(55, organization=tree.cell_2, phone="0912345678")  # 60 with the cast's five
    client = client_for(users.officer)
    assert len(client.get("/api/v1/members/").json()["results"]) == 50
    assert len(client.get("/api/v1/members/", {"page": 2}).json()["results"]) == 10
    first, second = reads(users.officer)
    assert (first.count, second.count) == (50, 10)
    assert second.what == "API /api/v1/members/?page=2" and "phone" in second.fields


def test_an_api_record_is_logged_and_masked_rows_are_not(users, members):
    client_for(users.officer).get(f"/api/v1/members/{members.hung.pk}/")
    [log] = reads(users.officer)
    assert log.count == 1 and log.what == f"API /api/v1/members/{members.hung.pk}/"
    # The leader sees the records masked: no personal data was read, nothing is logged.
    rows = client_for(users.leader).get("/api/v1/members/").json()["results"]
    assert rows and not any(row["personal_data_visible"] for row in rows)
    assert reads(users.leader) == []


# --- pages, exports ----------------------------------------------------------------------------------------
def test_the_member_page_with_personal_fields_unmasked_is_logged(client, users, members):
    login(client, users.officer)
    assert client.get(f"/members/{members.hung.pk}/").status_code == 200
    [log] = reads(users.officer)
    assert log.channel == AccessLog.Channel.PAGE and log.count == 1
    assert "national_id" in log.fields and str(members.hung.pk) in log.what
    assert log.ip_address == "127.0.0.1"
    assert client.get(f"/members/{members.hung.pk}/edit/").status_code == 200  # the edit form shows them too
    assert len(reads(users.officer)) == 2


def test_the_member_page_seen_masked_is_not_logged(client, users, members):
    login(client, users.leader)
    response = client.get(f"/members/{members.hung.pk}/")
    assert response.status_code == 200 and "092085000123" not in response.content.decode()
    assert reads(users.leader) == []


def test_an_export_is_logged_with_its_count_and_fields(client, users, members, tree):
    login(client, users.officer)
    assert client.get("/exchange/members.xlsx", {"org": tree.school.pk}).status_code == 200
    log = AccessLog.objects.get(kind=AccessLog.Kind.EXPORT)
    assert log.channel == AccessLog.Channel.EXPORT and log.count == 3
    assert log.fields == ["address", "national_id", "phone"]


# --- where from ---------------------------------------------------------------------------------------------
def test_the_address_is_read_by_one_helper_that_honours_the_proxy_setting(settings):
    # A client wrote 6.6.6.6 itself; the one proxy appended the address it received from.
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")
    assert client_ip(request) == "10.0.0.1"  # no proxy configured: a forwarded header is not believed
    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert client_ip(request) == "198.51.100.9"
    settings.AXES_IPWARE_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"
    settings.AXES_IPWARE_PROXY_COUNT = 3  # fewer hops than proxies: the socket's address
    assert client_ip(request) == "10.0.0.1"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="not an address")) is None
    assert client_ip(None) is None


def test_a_read_of_no_record_writes_nothing(users):
    request = RequestFactory().get("/api/v1/members/")
    request.user = users.officer
    assert log_personal_read(request, "nothing", 0, ["national_id"]) is None
    assert not AccessLog.objects.filter(kind=READ).exists()


# --- the log cannot be edited ---------------------------------------------------------------------------------
@pytest.fixture
def logged(users):
    return access_log_record(user=users.officer, kind=READ, what="API /api/v1/members/", count=50, fields=["phone"])


def test_a_written_row_refuses_to_be_saved_again(logged):
    logged.count = 0
    with pytest.raises(ValueError):
        logged.save()
    logged.refresh_from_db()
    assert logged.count == 50


def test_nobody_changes_or_deletes_the_log_in_the_admin_not_even_a_superuser(client, users, logged):
    users.admin.is_staff = users.admin.is_superuser = True
    users.admin.save()
    login(client, users.admin)
    base = "/admin/access/accesslog/"
    listing = client.get(base, {"q": "members", "kind": "read", "user__id__exact": users.officer.pk})
    assert listing.status_code == 200 and "API /api/v1/members/" in listing.content.decode()
    assert client.get(f"{base}{logged.pk}/change/").status_code == 200  # shown read-only
    assert client.post(f"{base}{logged.pk}/change/", {"what": "sửa", "count": 0}).status_code == 403
    assert client.post(f"{base}{logged.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{base}add/").status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [logged.pk], "post": "yes"}
    client.post(base, bulk)
    logged.refresh_from_db()
    assert logged.what == "API /api/v1/members/" and logged.count == 50


def test_an_officer_does_not_reach_the_log_in_the_admin(client, users, logged):
    login(client, users.officer)
    response = client.get(f"/admin/access/accesslog/{logged.pk}/delete/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert AccessLog.objects.filter(pk=logged.pk).exists()


# --- bulk reads -----------------------------------------------------------------------------------------------
def bulk_alerts(user):
    return list(Notification.objects.filter(user=user, kind="bulk_read"))


def test_bulk_reads_above_the_threshold_alert_the_administrators_once(settings, users, members):
    settings.ACCESS_LOG_BULK_ALERT_ROWS = 8
    client = client_for(users.officer)
    client.get("/api/v1/members/")  # 5 records: under the threshold
    assert bulk_alerts(users.admin) == []
    client.get("/api/v1/members/")  # 10 within the hour: one alert
    client.get("/api/v1/members/")  # 15: the same window, no second alert
    [alert] = bulk_alerts(users.admin)
    assert "bantochuc" in alert.body and "15" not in alert.title
    assert alert.url == f"/admin/access/accesslog/?user__id__exact={users.officer.pk}"
    assert bulk_alerts(users.officer) == [] and bulk_alerts(users.secretary) == []


def test_reads_of_different_users_are_not_added_together(settings, users, members):
    settings.ACCESS_LOG_BULK_ALERT_ROWS = 8
    client_for(users.officer).get("/api/v1/members/")
    client_for(users.admin).get("/api/v1/members/")
    assert bulk_alerts(users.admin) == []
