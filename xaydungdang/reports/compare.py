"""Any figure between two dates, with the difference said in words ("từ 98 chi bộ xuống còn 59 chi bộ")."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from xaydungdang.core.numbers import vn_int
from xaydungdang.reports.dimensions import DIMENSIONS
from xaydungdang.reports.selectors import subtree_statistics


@dataclass
class Figure:
    label: str
    unit: str
    first: int
    second: int

    @property
    def difference(self) -> int:
        return self.second - self.first

    @property
    def sentence(self) -> str:
        return change_phrase(self.first, self.second, self.unit)


def change_phrase(first: int, second: int, unit: str) -> str:
    """ "từ 98 chi bộ xuống còn 59 chi bộ", "từ 2.400 đảng viên tăng lên 2.517 đảng viên", "giữ nguyên 26 …"."""
    a, b = f"{vn_int(first)} {unit}".strip(), f"{vn_int(second)} {unit}".strip()
    if second < first:
        return _("từ %(a)s xuống còn %(b)s") % {"a": a, "b": b}
    if second > first:
        return _("từ %(a)s tăng lên %(b)s") % {"a": a, "b": b}
    return _("giữ nguyên %(a)s") % {"a": a}


def figures(stats: dict) -> dict[str, tuple[str, str, int]]:
    """(label, unit, value) of every figure a comparison can show, keyed."""
    members, organizations = stats["members"], stats["organizations"]["by_kind"]
    result = {
        "members": (_("Tổng số đảng viên"), _("đảng viên"), members["total"][""]),
        "grassroots": (
            _("Tổ chức cơ sở đảng"),
            _("tổ chức cơ sở đảng"),
            organizations.get("grassroots_committee", 0) + organizations.get("grassroots_cell", 0),
        ),
        "cells": (_("Chi bộ trực thuộc"), _("chi bộ"), organizations.get("cell", 0)),
        "all_organizations": (_("Tổng số tổ chức đảng trực thuộc"), _("tổ chức"), stats["organizations"]["total"]),
    }
    for dimension in ("status", "gender", "minority", "age_band", "theory_level", "party_age_band"):
        title, buckets = DIMENSIONS[dimension]
        for key, label in buckets:
            result[f"{dimension}.{key}"] = (f"{title}: {label}", _("đảng viên"), members[dimension].get(key, 0))
    return result


def compare(organization, first: dt.date, second: dt.date) -> list[Figure]:
    one = figures(subtree_statistics(organization=organization, on=first))
    two = figures(subtree_statistics(organization=organization, on=second))
    return [Figure(str(label), str(unit), value, two[key][2]) for key, (label, unit, value) in one.items()]
