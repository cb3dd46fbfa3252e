import pytest
from django.test import Client


@pytest.mark.django_db
def test_healthz_answers_200_without_login():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_refuses_writes():
    assert Client().post("/healthz").status_code == 405


def test_due_work_menu_leads_to_the_top_of_the_users_scope(client, users, tree):
    client.force_login(users.leader)
    response = client.get("/due/")
    assert response.status_code == 302
    assert response["Location"] == f"/due/org/{tree.commune_a.pk}/"
    client.force_login(users.nobody)
    assert client.get("/due/").status_code == 404


def test_a_member_lands_on_their_own_space_and_officers_on_the_dashboard(client, users, members):
    client.force_login(users.member)
    response = client.get("/")
    assert response["Location"] == "/me/"  # My space (selfservice), with a link to the full record
    page = client.get(response["Location"]).content.decode()
    assert "Hồ sơ của tôi" in page and f"/members/{members.hung.pk}/" in page and "Thống kê" not in page
    client.force_login(users.officer)
    assert client.get("/")["Location"] == "/reports/"
