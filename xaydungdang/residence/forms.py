from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.forms import ServiceForm, ServiceModelForm
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS
from xaydungdang.organizations.models import Organization
from xaydungdang.residence.choices import Exemption
from xaydungdang.residence.models import Comment, Introduction

DATE = forms.DateInput(format="%d/%m/%Y")
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class IntroductionForm(ServiceModelForm):
    residence_organization = forms.ModelChoiceField(
        queryset=Organization.objects.filter(kind__in=MEMBER_HOLDING_KINDS, dissolved_on__isnull=True).order_by("path"),
        label=_("Chi bộ nơi cư trú"),
    )
    letter_date = forms.DateField(label=_("Ngày giấy giới thiệu"), input_formats=DATE_FORMATS, widget=DATE)

    class Meta:
        model = Introduction
        fields = [
            "residence_organization",
            "residence_address",
            "letter_number",
            "letter_date",
            "request",
            "exemption",
            "exemption_note",
        ]
        widgets = {"request": forms.Textarea(attrs={"rows": 3})}


class ExemptionForm(ServiceForm):
    exemption = forms.ChoiceField(
        label=_("Miễn sinh hoạt nơi cư trú (HD 33)"),
        choices=[("", _("— Không miễn —")), *Exemption.choices],
        required=False,
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class CommentForm(ServiceModelForm):
    commented_on = forms.DateField(label=_("Ngày nhận xét"), input_formats=DATE_FORMATS, widget=DATE)

    class Meta:
        model = Comment
        fields = ["year", "text", "commented_on", "commenter"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
