"""/api/v1/notifications/: the user's own inbox, marking read; another user's notification is a 404."""

import pytest

from xaydungdang.api.tests.test_api import client_for
from xaydungdang.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def inboxes(users):
    notify(recipients=[users.officer], kind="probation_due", title="Sắp hết dự bị", url="/due/", email=False)
    notify(recipients=[users.officer], kind="badge", title="Huy hiệu 30 năm", email=False)
    return notify(recipients=[users.secretary], kind="badge", title="Của bí thư", email=False)


def test_lists_only_the_users_own_and_filters_unread(users, inboxes):
    client = client_for(users.officer)
    rows = client.get("/api/v1/notifications/").json()["results"]
    assert [r["title"] for r in rows] == ["Huy hiệu 30 năm", "Sắp hết dự bị"]
    first = rows[1]["id"]
    response = client.post(f"/api/v1/notifications/{first}/read/")
    assert response.status_code == 200 and response.json()["is_read"]
    assert [r["title"] for r in client.get("/api/v1/notifications/", {"unread": "true"}).json()["results"]] == [
        "Huy hiệu 30 năm"
    ]
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 1}


def test_another_users_notification_is_404(users, inboxes):
    [theirs] = inboxes
    client = client_for(users.officer)
    assert client.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert client_for(None).get("/api/v1/notifications/").status_code in (401, 403)
    assert client_for(users.nobody).get("/api/v1/notifications/").json()["count"] == 0
