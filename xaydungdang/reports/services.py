"""Writes of the reports app: the admission plan."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core.history import save_with_history
from xaydungdang.reports.models import AdmissionPlan

YEAR_RANGE = (1930, 2100)


@transaction.atomic
def admission_plan_set(
    *, actor, organization, year: int, planned: int, note: str = "", reason: str = ""
) -> AdmissionPlan:
    """Set (create or change) the organization's planned number of admissions for the year."""
    policy_for(actor).require_in_organization(Action.CHANGE, organization)
    errors = {}
    if not YEAR_RANGE[0] <= int(year) <= YEAR_RANGE[1]:
        errors["year"] = [_("Năm kế hoạch phải trong khoảng 1930–2100.")]
    if int(planned) < 0:
        errors["planned"] = [_("Số đảng viên dự kiến kết nạp không được âm.")]
    if not organization.is_active:
        errors["organization"] = [_("Tổ chức này đã giải thể, không thể lập kế hoạch kết nạp.")]
    if errors:
        raise ValidationError(errors)
    plan = AdmissionPlan.objects.select_for_update().filter(organization=organization, year=year).first()
    plan = plan or AdmissionPlan(organization=organization, year=year)
    plan.planned = planned
    plan.note = note
    plan.full_clean()
    return save_with_history(plan, actor=actor, reason=reason or _("Giao kế hoạch kết nạp đảng viên"))
