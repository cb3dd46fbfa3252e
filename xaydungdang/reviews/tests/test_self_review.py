"""The member's self-review: written by the member alone, marks the grid row, read from the grid; late
ones listed in Việc cần làm."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from xaydungdang.access.policy import OutOfScope
from xaydungdang.duework.registry import items_of
from xaydungdang.reviews import self_reviews, services
from xaydungdang.reviews.choices import Level, SelfReviewForm
from xaydungdang.reviews.models import Review, SelfReview
from xaydungdang.reviews.tests.conftest import rows_by_name

TEXT = {
    "political_ideology": "Kiên định chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh.",
    "ethics_lifestyle": "Giữ gìn phẩm chất đạo đức, lối sống giản dị.",
    "discipline": "Chấp hành nghiêm sự phân công của tổ chức.",
    "task_results": "Hoàn thành 100% nhiệm vụ đúng hạn.",
    "limitations": "Còn chậm đổi mới phương pháp giảng dạy; sẽ khắc phục trong năm tới.",
    "proposed_level": Level.GOOD,
}


def _post(client, user, period, **overrides):
    client.force_login(user)
    return client.post(reverse("reviews:self_review", args=[period.pk]), {**TEXT, **overrides})


def test_member_submits_and_the_grid_row_is_marked(client, users, members, cell_dossier):
    assert rows_by_name(cell_dossier)[members.hung.full_name].self_assessed is False
    response = _post(client, users.member, cell_dossier.period)
    assert response.status_code == 302
    review = SelfReview.objects.get(period=cell_dossier.period, member=members.hung)
    assert review.submitted_by == users.member and review.form == SelfReviewForm.OTHER
    row = Review.objects.get(period=cell_dossier.period, member=members.hung)
    assert row.self_assessed is True
    assert row.history.first().history_change_reason == "Đảng viên nộp bản tự kiểm điểm"
    # The secretary's grid shows a link to it on that row only.
    client.force_login(users.secretary)
    html = client.get(reverse("reviews:dossier", args=[cell_dossier.period_id, cell_dossier.organization_id])).content
    html = html.decode()
    assert f'data-self-review="{members.hung.pk}"' in html
    assert f'data-self-review="{members.lan.pk}"' not in html
    detail = client.get(reverse("reviews:self_review_detail", args=[cell_dossier.period_id, members.hung.pk]))
    assert detail.status_code == 200 and TEXT["task_results"] in detail.content.decode()


def test_dossier_opened_after_the_self_review_starts_marked(users, members, period, tree):
    self_reviews.self_review_submit(actor=users.member, period=period, member=members.hung, **TEXT)
    dossier = services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    rows = rows_by_name(dossier)
    assert rows[members.hung.full_name].self_assessed is True
    assert rows[members.lan.full_name].self_assessed is False


def test_rewriting_keeps_one_record_with_history(users, members, period):
    self_reviews.self_review_submit(actor=users.member, period=period, member=members.hung, **TEXT)
    self_reviews.self_review_submit(
        actor=users.member, period=period, member=members.hung, **{**TEXT, "proposed_level": Level.COMPLETED}
    )
    review = SelfReview.objects.get(period=period, member=members.hung)
    assert review.proposed_level == Level.COMPLETED
    assert [h.history_change_reason for h in review.history.order_by("history_id")] == [
        "Nộp bản tự kiểm điểm",
        "Sửa bản tự kiểm điểm",
    ]


def test_only_the_member_writes_their_own(users, members, period):
    for actor in (users.secretary, users.admin):
        with pytest.raises(OutOfScope):
            self_reviews.self_review_submit(actor=actor, period=period, member=members.hung, **TEXT)
    with pytest.raises(OutOfScope):
        self_reviews.self_review_submit(actor=users.member, period=period, member=members.lan, **TEXT)


def test_locked_period_refuses(users, members, period):
    services.period_lock(actor=users.officer, period=period)
    with pytest.raises(ValidationError) as exc:
        self_reviews.self_review_submit(actor=users.member, period=period, member=members.hung, **TEXT)
    assert "đã khóa" in str(exc.value)


def test_missing_part_is_named_in_vietnamese(client, users, period):
    response = _post(client, users.member, period, limitations="")
    assert response.status_code == 400
    assert "bắt buộc" in response.content.decode()
    assert not SelfReview.objects.exists()


@pytest.mark.parametrize("who", ["secretary", "officer", "nobody", "outsider"])
def test_page_is_404_for_who_has_no_member_record(client, users, period, who):
    client.force_login(getattr(users, who))
    assert client.get(reverse("reviews:self_review", args=[period.pk])).status_code == 404


def test_detail_scope(client, users, members, period):
    self_reviews.self_review_submit(actor=users.member, period=period, member=members.hung, **TEXT)
    url = reverse("reviews:self_review_detail", args=[period.pk, members.hung.pk])
    for who, status in [("member", 200), ("secretary", 200), ("officer", 200), ("outsider", 404), ("nobody", 404)]:
        client.force_login(getattr(users, who))
        assert client.get(url).status_code == status, who


def test_form_by_category(members, tree):
    members.lan.occupation = "public_employee"
    assert self_reviews.form_for(members.lan) == SelfReviewForm.CIVIL_SERVANT
    members.lan.occupation = "retired"
    assert self_reviews.form_for(members.lan) == SelfReviewForm.OTHER


def test_late_self_reviews_in_due_work(users, members, period, tree):
    self_reviews.self_review_submit(actor=users.member, period=period, member=members.hung, **TEXT)
    before = items_of("late_self_reviews", organization=tree.cell_1, on=dt.date(2024, 12, 10), user=users.secretary)
    assert len(before) == 0  # the cell's deadline (10/12) has not passed yet
    after = items_of("late_self_reviews", organization=tree.cell_1, on=dt.date(2024, 12, 11), user=users.secretary)
    assert [i.subject for i in after] == [members.lan]
    assert after[0].due == dt.date(2024, 12, 10)
    outsider = items_of("late_self_reviews", organization=tree.cell_1, on=dt.date(2024, 12, 11), user=users.outsider)
    assert len(outsider) == 0


def test_the_secretarys_list_shows_late_ones_first_and_filters_them(client, users, members, period, tree):
    self_reviews.self_review_submit(actor=users.member, period=period, member=members.hung, **TEXT)
    url = reverse("reviews:self_review_list", args=[period.pk, tree.cell_1.pk])
    client.force_login(users.secretary)
    html = client.get(url).content.decode()
    assert html.index(f'data-member="{members.lan.pk}"') < html.index(f'data-member="{members.hung.pk}"')
    assert "Đã nộp 1/2 · quá hạn chưa nộp: 1" in html
    assert reverse("reviews:self_review_detail", args=[period.pk, members.hung.pk]) in html
    late = client.get(url, {"late": "1"}).content.decode()
    assert f'data-member="{members.lan.pk}"' in late and f'data-member="{members.hung.pk}"' not in late
    for who, status in [("officer", 200), ("outsider", 404), ("nobody", 404)]:
        client.force_login(getattr(users, who))
        assert client.get(url).status_code == status, who
    # Việc cần làm links each late member to this list.
    [item] = items_of("late_self_reviews", organization=tree.cell_1, on=dt.date(2024, 12, 11), user=users.secretary)
    assert item.url == f"{url}?late=1"


def test_my_space_links_to_the_self_review_in_review_season(client, users, members, period):
    client.force_login(users.member)
    html = client.get(reverse("selfservice:home")).content.decode()
    assert f'data-self-review-period="{period.pk}"' in html and "Viết bản tự kiểm điểm" in html
    assert reverse("reviews:self_review", args=[period.pk]) in html and "Quá hạn" in html
    review = self_reviews.self_review_submit(actor=users.member, period=period, member=members.hung, **TEXT)
    html = client.get(reverse("selfservice:home")).content.decode()
    assert "Sửa bản tự kiểm điểm" in html and f"Tự xếp loại: {review.get_proposed_level_display()}" in html
    assert reverse("reviews:self_review_detail", args=[period.pk, members.hung.pk]) in html
    period.is_locked = True
    period.save()
    html = client.get(reverse("selfservice:home")).content.decode()
    assert "data-self-review-period" not in html  # out of season
