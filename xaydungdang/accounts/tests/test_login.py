import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_is_in_vietnamese():
    page = Client().get(reverse("login")).content.decode()
    assert "Đăng nhập" in page and "Tên đăng nhập" in page and "Mật khẩu" in page


def test_login_with_the_right_password_opens_the_users_scope(users):
    client = Client()
    response = client.post(reverse("login"), {"username": "bithu", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")
    assert "Chi bộ Giáo viên 1" in client.get(reverse("organizations:tree")).content.decode()


def test_login_with_a_wrong_password_is_refused_with_a_message(users):
    response = Client().post(reverse("login"), {"username": "bithu", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_login_follows_next_to_the_page_asked_for(users, members):
    url = reverse("members:detail", args=[members.hung.pk])
    response = Client().post(
        reverse("login") + f"?next={url}", {"username": "bithu", "password": PASSWORD, "next": url}
    )
    assert response.url == url


def test_logout_ends_the_session(users):
    client = Client()
    client.login(username="bithu", password=PASSWORD)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert client.get(reverse("members:list")).url.startswith(reverse("login"))


def test_a_users_full_name_is_written_the_vietnamese_way():
    from xaydungdang.accounts.models import User

    assert User(first_name="Nhân", last_name="Huỳnh Công").get_full_name() == "Huỳnh Công Nhân"
