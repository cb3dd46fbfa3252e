"""The "Lịch sử thay đổi" of a record: each change with its field, old and new value, user and reason."""

import datetime as dt

import pytest
from django.template.loader import render_to_string

from xaydungdang.core.history import history_entries, mask
from xaydungdang.members.services import member_update

pytestmark = pytest.mark.django_db


def test_mask_keeps_the_first_four_and_last_two_characters():
    assert mask("092085000123") == "0920••••••23"
    assert mask("0912345678") == "0912••••78"
    assert mask("12345") == "•••••"
    assert mask("") == "" and mask(None) == ""


def test_an_edit_through_the_service_lists_each_field_with_old_and_new(users, members):
    member_update(
        actor=users.secretary,
        member=members.hung,
        reason="Đính chính theo lý lịch gốc",
        hometown="Phong Điền, Cần Thơ",
        education_level="upper_secondary",
        birth_date=dt.date(1985, 4, 20),
    )
    entry = history_entries(members.hung, viewer=users.officer)[0]
    assert entry.user == "bithu"
    assert entry.reason == "Đính chính theo lý lịch gốc"
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("Ngày sinh", "15/03/1985", "20/04/1985"),
        ("Quê quán", "—", "Phong Điền, Cần Thơ"),
        ("Giáo dục phổ thông", "—", "Trung học phổ thông"),
    ]


def test_sensitive_fields_are_masked_for_viewers_without_personal_access(users, members):
    member_update(actor=users.officer, member=members.hung, reason="Cập nhật", phone="0912345678")
    (change,) = history_entries(members.hung, viewer=users.leader)[0].changes
    assert (change.label, change.old, change.new) == ("Số điện thoại", "—", "0912••••78")
    (change,) = history_entries(members.hung, viewer=users.secretary)[0].changes
    assert change.new == "0912345678"


def test_the_first_entry_is_the_creation_and_silent_resaves_are_skipped(users, members):
    entries = history_entries(members.hung, viewer=users.officer)
    assert entries[-1].action == "+"
    assert all(entry.changes or entry.reason or entry.action == "+" for entry in entries)


def test_the_table_renders_labels_and_values(users, members):
    member_update(actor=users.officer, member=members.hung, reason="Sửa quê quán", hometown="Ô Môn")
    html = render_to_string(
        "core/_history.html", {"history_entries": history_entries(members.hung, viewer=users.officer)}
    )
    for fragment in ["Quê quán", "Ô Môn", "Sửa quê quán", "bantochuc", "Giá trị cũ", "Giá trị mới"]:
        assert fragment in html


def test_an_object_without_history_says_so(users, members):
    html = render_to_string("core/_history.html", {"history_entries": []})
    assert "Chưa có thay đổi nào được ghi nhận." in html


def test_a_long_history_is_cut_to_the_limit(users, members):
    for n in range(4):
        member_update(actor=users.officer, member=members.hung, reason=f"Lần {n}", hometown=f"Xã {n}")
    entries = history_entries(members.hung, viewer=users.officer, limit=2)
    assert [e.reason for e in entries] == ["Lần 3", "Lần 2"]
    assert entries[1].changes[0].old == "Xã 1"
