"""Residence liaison (QĐ 213-QĐ/TW): introduction, the residence cell's narrow grant, the yearly comment in
the workplace grid, HD 33 exemptions, due work."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from docx import Document

from conftest import _user
from xaydungdang.access.choices import Role, Scope
from xaydungdang.access.policy import OutOfScope
from xaydungdang.duework.registry import items_of
from xaydungdang.members.models import Member
from xaydungdang.notifications.models import Notification
from xaydungdang.residence import services
from xaydungdang.residence.choices import Exemption
from xaydungdang.residence.models import Comment
from xaydungdang.reviews import services as review_services

LETTER = {"letter_number": "15-GGT/ĐU", "letter_date": dt.date(2024, 3, 1)}


@pytest.fixture
def residence_secretary(tree):
    """The secretary of the village cell where Hùng lives: another subtree (phường Cái Khế)."""
    return _user("bithu_noicutru", Role.SECRETARY, tree.village_b, Scope.NODE)


@pytest.fixture
def introduction(users, members, tree, residence_secretary):
    return services.introduction_create(
        actor=users.secretary, member=members.hung, residence_organization=tree.village_b, **LETTER
    )


def _comment(actor, introduction, year=2024, **kwargs):
    data = {"text": "Gương mẫu chấp hành chủ trương, chính sách ở khu vực.", "commented_on": dt.date(year, 11, 5),
            "commenter": "Lê Văn Tư, Bí thư chi bộ"}  # fmt: skip
    return services.comment_enter(actor=actor, introduction=introduction, year=year, **{**data, **kwargs})


def test_introduction_notifies_the_residence_secretary_once(introduction, residence_secretary, users):
    notes = Notification.objects.filter(user=residence_secretary, kind="residence.introduction")
    assert notes.count() == 1 and "Nguyễn Văn Hùng" in notes.get().title
    assert not Notification.objects.filter(user=users.secretary, kind="residence.introduction").exists()
    assert introduction.workplace.name == "Chi bộ Giáo viên 1"


def test_refusals(users, members, tree, residence_secretary):
    with pytest.raises(OutOfScope):  # a cell's secretary introduces only their own members
        services.introduction_create(
            actor=residence_secretary, member=members.hung, residence_organization=tree.village_b, **LETTER
        )
    with pytest.raises(ValidationError) as exc:
        services.introduction_create(
            actor=users.secretary,
            member=members.hung,
            residence_organization=tree.school,
            letter_number="",
            letter_date=dt.date(2024, 3, 1),
        )
    assert set(exc.value.message_dict) == {"residence_organization", "letter_number"}


def test_letter_docx(client, users, introduction):
    client.force_login(users.secretary)
    response = client.get(reverse("residence:letter", args=[introduction.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    for cell in document.tables[0].rows[0].cells:
        text += "\n" + cell.text
    assert "GIẤY GIỚI THIỆU" in text and "Nguyễn Văn Hùng" in text and "213-QĐ/TW" in text
    assert "Chi bộ khu vực 2" in text and "Số 15-GGT/ĐU" in text
    assert "ĐẢNG BỘ TRƯỜNG THPT CHÂU VĂN LIÊM" in text  # issued by the grassroots committee over the cell


def test_residence_secretary_sees_only_what_the_rule_needs(client, introduction, residence_secretary, members):
    client.force_login(residence_secretary)
    html = client.get(reverse("residence:introduction", args=[introduction.pk])).content.decode()
    assert "Nguyễn Văn Hùng" in html and "Chi bộ Giáo viên 1" in html and "213-QĐ/TW" in html
    assert 'id="comment-form"' in html
    assert members.hung.national_id not in html and "15/03/1985" not in html
    assert "15-GGT" not in html and "letter.docx" not in html and 'id="exemption-form"' not in html
    assert client.get(reverse("residence:letter", args=[introduction.pk])).status_code == 404
    assert (
        client.post(reverse("residence:exemption", args=[introduction.pk]), {"exemption": "mobile"}).status_code == 404
    )
    listing = client.get(reverse("residence:list")).content.decode()
    assert "Nguyễn Văn Hùng" in listing


def test_comment_through_the_page_shows_in_the_workplace_grid(
    client, users, tree, members, introduction, residence_secretary
):
    client.force_login(residence_secretary)
    response = client.post(
        reverse("residence:comment", args=[introduction.pk]),
        {
            "year": 2024,
            "text": "Tích cực tham gia sinh hoạt khu vực.",
            "commented_on": "05/11/2024",
            "commenter": "Bí thư",
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get(introduction=introduction, year=2024)
    assert comment.entered_by == residence_secretary
    assert comment.history.get().history_change_reason == "Nhận xét của chi ủy nơi cư trú"
    period = review_services.period_open(actor=users.officer, organization=tree.province, year=2024)
    review_services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    client.force_login(users.secretary)
    html = client.get(reverse("reviews:dossier", args=[period.pk, tree.cell_1.pk])).content.decode()
    assert f'data-residence-comment="{members.hung.pk}"' in html
    assert "Tích cực tham gia sinh hoạt khu vực." in html
    assert f'data-residence-comment="{members.lan.pk}"' not in html


def test_bad_comment_names_the_field(client, introduction, residence_secretary):
    client.force_login(residence_secretary)
    response = client.post(
        reverse("residence:comment", args=[introduction.pk]),
        {"year": 2019, "text": "Tốt", "commented_on": "05/11/2024", "commenter": "Bí thư"},
    )
    assert response.status_code == 400
    assert "Năm nhận xét phải từ năm của giấy giới thiệu (2024)" in response.content.decode()


def test_only_the_residence_side_comments(users, introduction):
    for actor in (users.secretary, users.leader, users.member):
        with pytest.raises(OutOfScope):
            _comment(actor, introduction)


def test_exempted_members_are_marked_and_not_asked(users, tree, members, introduction, residence_secretary, client):
    on = dt.date(2024, 10, 15)
    missing = items_of("residence_comments_missing", organization=tree.school, on=on, user=users.secretary)
    assert [i.subject for i in missing] == [members.hung]
    assert (
        items_of("residence_comments_missing", organization=tree.school, on=dt.date(2024, 9, 30), user=users.secretary)
        == []
    )
    received = items_of("residence_requests", organization=tree.village_b, on=on, user=residence_secretary)
    assert [i.url for i in received] == [reverse("residence:introduction", args=[introduction.pk])]
    services.introduction_set_exemption(actor=users.secretary, introduction=introduction, exemption=Exemption.MOBILE)
    assert items_of("residence_comments_missing", organization=tree.school, on=on, user=users.secretary) == []
    assert items_of("residence_requests", organization=tree.village_b, on=on, user=residence_secretary) == []
    period = review_services.period_open(actor=users.officer, organization=tree.province, year=2024)
    review_services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    client.force_login(users.secretary)
    html = client.get(reverse("reviews:dossier", args=[period.pk, tree.cell_1.pk])).content.decode()
    assert f'data-residence-exempt="{members.hung.pk}"' in html


def test_a_comment_clears_the_due_item(users, tree, introduction, residence_secretary):
    _comment(residence_secretary, introduction)
    on = dt.date(2024, 10, 15)
    assert items_of("residence_comments_missing", organization=tree.school, on=on, user=users.secretary) == []


def test_new_introduction_ends_the_previous(users, members, tree, introduction):
    second = services.introduction_create(
        actor=users.secretary, member=members.hung, residence_organization=tree.village_a,
        letter_number="20-GGT/ĐU", letter_date=dt.date(2025, 2, 1),
    )  # fmt: skip
    introduction.refresh_from_db()
    assert introduction.ended_on == dt.date(2025, 2, 1) and second.ended_on is None


# --- the narrow grant against every member route ------------------------------------------------------
def _walk(resolver, prefix="", namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = ":".join(n for n in (namespace, pattern.namespace) if n) or None
            yield from _walk(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace, pattern, prefix + str(pattern.pattern)


MEMBER_ROUTE = re.compile(r"members/<int:pk>|member_pk|\^members/\(\?P<pk>")


def member_routes() -> list[tuple[str, list[str]]]:
    """Every named route of one member (a member pk in its path), web and API, from the URLconf."""
    routes = {}
    for namespace, pattern, route in _walk(get_resolver()):
        if MEMBER_ROUTE.search(route) and "format" not in pattern.pattern.regex.groupindex:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            routes[name] = sorted(pattern.pattern.regex.groupindex)
    return sorted(routes.items())


def test_the_walk_finds_the_member_routes():
    names = {name for name, _ in member_routes()}
    assert {"members:detail", "members:edit", "lifecycle:timeline", "api:member-detail", "api:member-events"} <= names
    assert {"fees:member_tab", "committees:member_tab", "residence:member_tab", "residence:create"} <= names


@pytest.mark.parametrize(("name", "kwargs"), member_routes())
def test_residence_secretary_gets_404_on_every_member_route(
    client, introduction, residence_secretary, members, name, kwargs
):
    client.force_login(residence_secretary)
    values = {k: (members.hung.pk if k in ("pk", "member_pk") else "admitted") for k in kwargs}
    url = reverse(name, kwargs=values)
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    assert response.status_code == 404, url


def test_residence_secretary_api_lists_leave_the_member_out(client, introduction, residence_secretary, members):
    client.force_login(residence_secretary)
    response = client.get("/api/v1/members/")
    assert response.status_code == 200
    assert str(members.hung.pk) not in [str(row.get("id")) for row in response.json().get("results", response.json())]
    assert not Member.objects.visible_to(residence_secretary).filter(pk=members.hung.pk).exists()
