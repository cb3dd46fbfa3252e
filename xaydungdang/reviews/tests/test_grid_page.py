"""The grid as a page: no violations before anything is typed, the self-review warning, exempt members'
level not selectable, and read-only once submitted (rendered disabled, and the server refuses)."""

from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.reviews.choices import DossierStatus, NotRated
from xaydungdang.reviews.models import Dossier, Review
from xaydungdang.reviews.tests.conftest import rows_by_name


def _page(client, user, dossier):
    client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("reviews:dossier", args=[dossier.period_id, dossier.organization_id])).text


def test_an_untouched_grid_shows_no_violations_but_warns_of_missing_self_reviews(client, users, cell_dossier):
    page = _page(client, users.secretary, cell_dossier)
    assert 'id="grid-untouched"' in page and "vi phạm phải sửa" not in page
    assert 'id="self-review-warning"' in page and "chưa tự kiểm điểm" in page


def test_an_exempt_members_level_is_not_selectable(client, users, cell_dossier):
    row = rows_by_name(cell_dossier)["Trần Thị Lan"]
    Review.objects.filter(pk=row.pk).update(not_rated=NotRated.EXEMPTED)
    page = _page(client, users.secretary, cell_dossier)
    select = page[
        page.index(f'name="r{row.pk}-chosen_level"') - 200 : page.index(f'name="r{row.pk}-chosen_level"') + 200
    ]
    assert "disabled" in select


def test_a_submitted_dossier_is_read_only_and_the_server_refuses_edits(client, users, cell_dossier):
    Dossier.objects.filter(pk=cell_dossier.pk).update(status=DossierStatus.SUBMITTED)
    page = _page(client, users.secretary, cell_dossier)
    row = rows_by_name(cell_dossier)["Nguyễn Văn Hùng"]
    assert 'id="read-only-notice"' in page and "chỉ xem, không sửa được" in page
    assert "hx-post" not in page
    field = page[page.index(f'id="id_r{row.pk}-score_general"') - 250 : page.index(f'id="id_r{row.pk}-score_general"')]
    assert "disabled" in field
    response = client.post(
        reverse("reviews:row", args=[row.pk]), {f"r{row.pk}-score_general": "29", f"r{row.pk}-task_progress": "on_time"}
    )
    assert response.status_code == 200 and "không thể sửa" in response.text
    row.refresh_from_db()
    assert row.scores == {} and row.score is None
