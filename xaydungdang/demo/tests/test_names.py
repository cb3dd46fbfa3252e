"""The name tables draw names with the shares the Mekong delta has."""

from collections import Counter
from random import Random

from xaydungdang.demo.names import KINH_FAMILY, person_name


def _draw(n: int, **person) -> list[list[str]]:
    rng = Random(1)
    return [person_name(rng, **person).split() for _ in range(n)]


def test_family_names_follow_the_regional_shares():
    families = Counter(name[0] for name in _draw(20_000, gender="male", birth_year=1980, ethnicity="01"))
    assert abs(families["Nguyễn"] / 20_000 - 0.31) < 0.02
    assert abs(families["Trần"] / 20_000 - 0.11) < 0.015
    assert families["Huỳnh"] > families["Hoàng"]
    assert abs(KINH_FAMILY.share("Lê") - 0.09) < 0.005


def test_older_women_are_mostly_thi_and_younger_ones_less_so():
    older = Counter(name[1] for name in _draw(5000, gender="female", birth_year=1960, ethnicity="01"))
    younger = Counter(name[1] for name in _draw(5000, gender="female", birth_year=2000, ethnicity="01"))
    assert older["Thị"] / 5000 > 0.6 > younger["Thị"] / 5000 > 0.25
    men = Counter(name[1] for name in _draw(5000, gender="male", birth_year=1980, ethnicity="01"))
    assert men["Văn"] == max(men.values()) and men["Thị"] == 0


def test_khmer_members_carry_khmer_family_names():
    families = Counter(name[0] for name in _draw(2000, gender="male", birth_year=1980, ethnicity="05"))
    assert families["Thạch"] + families["Danh"] + families["Sơn"] > 1200


def test_a_given_name_never_repeats_the_middle_name():
    assert all(name[-1] != name[-2] for name in _draw(5000, gender="female", birth_year=1995, ethnicity="01"))
