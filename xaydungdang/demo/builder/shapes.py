"""Tree shapes: Cần Thơ after the 2025 merger (the demo) and a national tree (the benchmark).

Names and codes of provinces and communes come from `vietnam-provinces` (34 provinces, 3,321
communes, wards and special zones since 01/07/2025).
"""

from random import Random

from vietnam_provinces import Province, Ward

from xaydungdang.demo.builder.plan import Node
from xaydungdang.demo.builder.units import REFORM_DAY, plan_commune, plan_province_units
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.choices import Sector

CAN_THO = 92
PROVINCE_UNITS_SHARE = 0.12  # members in the province's own agencies, armed forces and firms
COMMUNE_SIZE = {"phường": (0.8, 1.8), "xã": (0.5, 1.2), "đặc khu": (0.4, 0.8)}


def _split(name: str, division: str) -> str:
    """`Phường Ninh Kiều` → `phường Ninh Kiều` (the division written in lower case, as in a committee's name)."""
    return f"{division} {name[len(division) :].strip()}"


def _province_node(province) -> tuple[Node, str, str]:
    division = "thành phố" if "thành phố" in province.division_type.value else "tỉnh"
    place = province.name[len(division) :].strip()
    node = Node(
        f"{int(province.code):02d}",
        f"Đảng bộ {division} {place}",
        K.PROVINCIAL,
        Sector.OTHER,
        admin_unit_code=str(int(province.code)),
        founded_on=REFORM_DAY,
        founding_decision="Quyết định của Bộ Chính trị, hiệu lực 01/07/2025",
    )
    return node, division, place


def wards_of(province_code: int) -> list:
    return sorted((w for w in Ward.iter_all() if int(w.province_code) == province_code), key=lambda w: int(w.code))


def plan_province(province, wards: list, members: float, rng: Random) -> Node:
    """A provincial committee with one committee per commune and the province's own units."""
    root, division, place = _province_node(province)
    factors = [rng.uniform(*COMMUNE_SIZE.get(ward.division_type.value, (0.6, 1.2))) for ward in wards]
    in_communes = members * (1 - PROVINCE_UNITS_SHARE)
    for ward, factor in zip(wards, factors, strict=True):
        kind_name = ward.division_type.value
        short = _split(ward.name, kind_name)
        commune = root.add(
            Node(
                f"{root.code}.{int(ward.code)}",
                f"Đảng bộ {short}",
                K.UPPER_GRASSROOTS,
                Sector.TERRITORIAL,
                admin_unit_code=str(int(ward.code)),
                founded_on=REFORM_DAY,
                founding_decision=f"Quyết định của Ban Thường vụ {'Thành ủy' if division == 'thành phố' else 'Tỉnh ủy'}",
            )
        )
        plan_commune(commune, short, in_communes * factor / sum(factors), rng, is_ward=kind_name == "phường")
    plan_province_units(root, division, place, members * PROVINCE_UNITS_SHARE, rng)
    return root


def can_tho(members: int, rng: Random) -> Node:
    """Đảng bộ thành phố Cần Thơ with its 103 communes, wards (after the merger with Hậu Giang, Sóc Trăng)."""
    province = next(p for p in Province.iter_all() if int(p.code) == CAN_THO)
    return plan_province(province, wards_of(CAN_THO), members, rng)


def national(members: int, rng: Random, *, commune_members: int = 1500, largest_share: float = 0.15) -> Node:
    """A central root over the 34 provinces; communes of about `commune_members` members each.

    The province with the most communes holds `largest_share` of the members, the others share the rest
    in proportion to their number of communes; each province keeps only as many of its real communes as
    its members fill.
    """
    root = Node("TW", "Đảng bộ toàn quốc (Ban Chấp hành Trung ương)", K.CENTRAL, Sector.OTHER)
    provinces = sorted(Province.iter_all(), key=lambda p: int(p.code))
    wards = {int(p.code): wards_of(int(p.code)) for p in provinces}
    largest = max(provinces, key=lambda p: len(wards[int(p.code)]))
    others = sum(len(wards[int(p.code)]) for p in provinces if p is not largest)
    for province in provinces:
        code = int(province.code)
        share = largest_share if province is largest else (1 - largest_share) * len(wards[code]) / others
        count = max(1, min(len(wards[code]), round(members * share * (1 - PROVINCE_UNITS_SHARE) / commune_members)))
        root.add(plan_province(province, wards[code][:count], members * share, rng))
    return root
