import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RuleSettingQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date) -> "RuleSettingQuerySet":
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class RuleSetting(models.Model):
    """A deployment's override of a rule parameter (see core.parameters), valid for a period."""

    key = models.CharField(_("tham số"), max_length=100, db_index=True)
    value = models.JSONField(_("giá trị"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = RuleSettingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tham số quy định")
        verbose_name_plural = _("tham số quy định")

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
