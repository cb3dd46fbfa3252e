"""ServiceForm turns a service's refusal into form errors; save_with_history records who and why."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from xaydungdang.access.policy import SYSTEM
from xaydungdang.core.forms import ServiceForm
from xaydungdang.core.history import HISTORY_REASON_LENGTH, save_with_history

DATE_RULE = "Ngày hiệu lực không được sau hôm nay."


class _Form(ServiceForm):
    effective_date = forms.DateField(label="Ngày hiệu lực")
    note = forms.CharField(label="Ghi chú", required=False)
    field_map = {"issued_on": "effective_date"}


def _refuse(**errors):
    def service(**kwargs):
        raise ValidationError(errors)

    return service


def test_run_returns_the_services_result():
    form = _Form({"effective_date": "01/01/2025"})
    assert form.is_valid()
    assert form.run(lambda **kwargs: kwargs["x"] * 2, x=21) == 42 and not form.errors


def test_a_refusal_lands_on_the_field_it_names_even_renamed():
    form = _Form({"effective_date": "01/01/2025"})
    assert form.is_valid()
    assert form.run(_refuse(issued_on=[DATE_RULE], member=["Đảng viên đã từ trần."])) is None
    assert form.errors["effective_date"] == [DATE_RULE]
    assert form.non_field_errors() == ["Đảng viên đã từ trần."]
    assert "is-invalid" in form.fields["effective_date"].widget.attrs["class"]
    assert "form-control" in form.fields["note"].widget.attrs["class"]


def test_a_constraint_repeating_a_field_rule_is_said_once():
    form = _Form({"effective_date": "01/01/2025"})
    form.is_valid()
    form.run(_refuse(effective_date=[DATE_RULE], __all__=[DATE_RULE]))
    assert form.errors["effective_date"] == [DATE_RULE] and form.non_field_errors() == []


def test_a_message_without_field_goes_on_top():
    form = _Form({"effective_date": "01/01/2025"})
    form.is_valid()

    def service():
        raise ValidationError("Kỳ đánh giá đã khóa.")

    form.run(service)
    assert form.non_field_errors() == ["Kỳ đánh giá đã khóa."]


@pytest.mark.django_db
def test_save_with_history_records_user_and_reason(users, members):
    member = members.lan
    member.hometown = "Cần Thơ"
    save_with_history(member, actor=users.officer, reason="Đính chính quê quán")
    latest = member.history.first()
    assert (latest.history_user, latest.history_change_reason) == (users.officer, "Đính chính quê quán")


@pytest.mark.django_db
def test_the_system_actor_is_recorded_as_no_user_and_long_reasons_are_cut(members):
    member = members.lan
    save_with_history(member, actor=SYSTEM, reason="x" * 300)
    latest = member.history.first()
    assert latest.history_user is None
    assert len(latest.history_change_reason) == HISTORY_REASON_LENGTH and latest.history_change_reason.endswith("…")
    save_with_history(member, actor=SYSTEM)
    assert member.history.first().history_change_reason is None  # no stale reason from the former save
