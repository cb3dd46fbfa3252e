"""The identity of a person, declared once: members and candidates (and whoever comes next) inherit it.

A subclass may narrow a field where its record needs more (a member's CCCD is unique, a candidate's general
education is required, as the admission rules read it).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from xaydungdang.members.choices import EducationLevel, Gender, Occupation, Qualification, Religion
from xaydungdang.members.ethnicities import ETHNICITIES, KINH
from xaydungdang.members.rules import validate_person_name


class PersonIdentity(models.Model):
    """Name, gender, birth date, ethnicity, religion, national ID, hometown, residence, education and work."""

    full_name = models.CharField(_("họ và tên"), max_length=150, validators=[validate_person_name])
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    ethnicity = models.CharField(_("dân tộc"), max_length=2, choices=ETHNICITIES, default=KINH)
    religion = models.CharField(_("tôn giáo"), max_length=20, choices=Religion.choices, default=Religion.NONE)
    national_id = models.CharField(_("số CCCD"), max_length=12, blank=True)
    hometown = models.CharField(_("quê quán"), max_length=255, blank=True)
    address = models.CharField(_("nơi cư trú"), max_length=255, blank=True)
    education_level = models.CharField(
        _("giáo dục phổ thông"), max_length=20, choices=EducationLevel.choices, blank=True
    )
    qualification = models.CharField(
        _("chuyên môn nghiệp vụ"), max_length=20, choices=Qualification.choices, default=Qualification.NONE
    )
    occupation = models.CharField(_("nghề nghiệp"), max_length=20, choices=Occupation.choices, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.full_name
