"""The organizations of one commune and of one province's own agencies, planned as Node subtrees.

Each member-holding node carries a weight: the number of members it is expected to hold. A unit grows
more cells (numbered after its named ones) when it is expected to hold more members, so cells stay
at a realistic 10–60 members whatever the total size.
"""

import datetime as dt
from random import Random

from xaydungdang.demo.builder.plan import Node
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.choices import Sector

MEMBERS_PER_CELL = 30
REFORM_DAY = dt.date(2025, 7, 1)  # the two-tier local government and the new commune committees

HAMLET_FIRST = "Thới Tân Phú Mỹ Long Thạnh Vĩnh Hòa An Trường Đông Tây Nhơn Phước Thuận Bình Định Xuân".split()
HAMLET_SECOND = "Hòa Lợi Thạnh Phước An Hưng Thuận Bình Long Lộc Thành Mỹ Đông Tây Trung Quới Khánh Hiệp".split()
SCHOOL_GROUPS = ["Tổ Toán - Tin", "Tổ Ngữ văn", "Tổ Khoa học tự nhiên", "Tổ Khoa học xã hội", "Văn phòng"]
HOSPITAL_WARDS = ["Khoa Nội", "Khoa Ngoại", "Khoa Nhi", "Khoa Sản", "Khoa Hồi sức cấp cứu"]
ENTERPRISES = [
    "Công ty Cổ phần Thủy sản Mê Kông",
    "Công ty TNHH Lương thực Sông Hậu",
    "Công ty Cổ phần Xây dựng Tây Đô",
    "Công ty TNHH Vận tải Hậu Giang",
    "Công ty Cổ phần Nông sản Phong Điền",
    "Công ty TNHH Cơ khí Trà Nóc",
    "Công ty Cổ phần May Tây Nam",
    "Công ty TNHH Chế biến Gạo Cửu Long",
    "Hợp tác xã Nông nghiệp Tân Tiến",
    "Công ty Cổ phần Bao bì Mê Kông",
    "Công ty TNHH Thức ăn chăn nuôi Đồng Bằng",
    "Quỹ Tín dụng nhân dân",
]
PROVINCE_DEPARTMENTS = [
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Tài chính",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
]
DEPARTMENT_OFFICES = ["Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Thanh tra Sở", "Phòng Tổ chức cán bộ"]
PARTY_BODIES = ["Văn phòng", "Ban Tổ chức", "Ban Tuyên giáo và Dân vận", "Ủy ban Kiểm tra", "Ban Nội chính"]
POLICE_UNITS = ["Phòng Tham mưu", "Phòng Cảnh sát hình sự", "Phòng Cảnh sát giao thông", "Phòng An ninh nội địa"]
MILITARY_UNITS = ["Phòng Tham mưu", "Phòng Chính trị", "Phòng Hậu cần - Kỹ thuật", "Trung đoàn bộ binh"]


def _founded(rng: Random, first: int, last: int) -> dt.date:
    return dt.date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))


def _codes(parent: Node, count: int) -> list[str]:
    width = 2 if count < 100 else 3
    return [f"{parent.code}.{i:0{width}d}" for i in range(1, count + 1)]


def _cells(parent: Node, names: list[str], extra: str, expected: float, profile: str, rng: Random) -> None:
    """Cells under `parent` sharing `expected` members; numbered "<extra> n" cells when more are needed."""
    wanted = max(len(names), round(expected / MEMBERS_PER_CELL))
    names = names + [f"{extra} {i}" for i in range(1, wanted - len(names) + 1)]
    weights = [rng.uniform(0.6, 1.4) for _ in names]
    scale = expected / sum(weights)
    year = parent.founded_on.year if parent.founded_on else 1980
    for code, name, weight in zip(_codes(parent, len(names)), names, weights, strict=True):
        parent.add(
            Node(
                code,
                f"Chi bộ {name}",
                K.CELL,
                parent.sector,
                profile,
                weight * scale,
                founded_on=_founded(rng, year, 2020),
            )
        )


def _grassroots_cell(code: str, name: str, sector: str, profile: str, expected: float, rng: Random, since=1976):
    return Node(code, name, K.GRASSROOTS_CELL, sector, profile, expected, founded_on=_founded(rng, since, 2015))


def _committee(code, name, sector, rng, since=1976, kind=K.GRASSROOTS_COMMITTEE) -> Node:
    return Node(code, name, kind, sector, founded_on=_founded(rng, since, 2010))


def _hamlets(rng: Random, count: int, is_ward: bool) -> list[str]:
    if is_ward:
        return [f"khu vực {i}" for i in range(1, count + 1)]
    names: list[str] = []
    while len(names) < count:
        name = f"ấp {rng.choice(HAMLET_FIRST)} {rng.choice(HAMLET_SECOND)}"
        if len(names) >= len(HAMLET_FIRST) * 4:
            name = f"ấp {len(names) + 1}"
        if name not in names:
            names.append(name)
    return names


def plan_commune(node: Node, short: str, expected: float, rng: Random, *, is_ward: bool) -> None:
    """Fill a commune committee (upper grassroots) with its hamlet cells, agencies, schools and firms."""
    specs: list[tuple] = []  # (name, kind, sector, profile, share, children names or None)
    hamlets = max(2, min(60, round(expected * 0.55 / MEMBERS_PER_CELL)))
    for hamlet in _hamlets(rng, hamlets, is_ward):
        specs.append((f"Chi bộ {hamlet}", K.GRASSROOTS_CELL, Sector.VILLAGE, "village", 0.55 / hamlets, None))
    specs += [
        ("Chi bộ Cơ quan Đảng - Mặt trận - Đoàn thể", K.GRASSROOTS_CELL, Sector.AGENCY, "commune_agency", 0.04, None),
        ("Chi bộ Cơ quan Ủy ban nhân dân", K.GRASSROOTS_CELL, Sector.AGENCY, "commune_agency", 0.05, None),
        (f"Chi bộ Công an {short}", K.GRASSROOTS_CELL, Sector.ARMED_FORCES, "police", 0.03, None),
        (f"Chi bộ Quân sự {short}", K.GRASSROOTS_CELL, Sector.ARMED_FORCES, "military", 0.02, None),
        (f"Chi bộ Trạm Y tế {short}", K.GRASSROOTS_CELL, Sector.PUBLIC_SERVICE, "health", 0.02, None),
    ]
    place = short.split(" ", 1)[-1]
    specs += [
        (f"Chi bộ Trường Mầm non {place}", K.GRASSROOTS_CELL, Sector.PUBLIC_SERVICE, "teacher", 0.03, None),
        (f"Chi bộ Trường Tiểu học {place}", K.GRASSROOTS_CELL, Sector.PUBLIC_SERVICE, "teacher", 0.04, None),
        (f"Chi bộ Trường THCS {place}", K.GRASSROOTS_CELL, Sector.PUBLIC_SERVICE, "teacher", 0.03, None),
        (f"Đảng bộ Trường THPT {place}", K.GRASSROOTS_COMMITTEE, Sector.PUBLIC_SERVICE, "teacher", 0.05, SCHOOL_GROUPS),
    ]
    if is_ward or rng.random() < 0.3:
        specs.append((f"Đảng bộ Trung tâm Y tế {place}", K.GRASSROOTS_COMMITTEE, Sector.PUBLIC_SERVICE, "health",
                      0.05, None))  # fmt: skip
    for firm in rng.sample(ENTERPRISES, rng.randint(1, 3)):
        specs.append((f"Chi bộ {firm}", K.GRASSROOTS_CELL, Sector.ENTERPRISE, "enterprise", 0.03, None))
    total = sum(spec[4] for spec in specs)
    for code, (name, kind, sector, profile, share, groups) in zip(_codes(node, len(specs)), specs, strict=True):
        members = expected * share / total
        if kind == K.GRASSROOTS_CELL:
            since = 1960 if profile == "village" else 1976
            node.add(_grassroots_cell(code, name, sector, profile, members, rng, since))
        elif groups:
            _cells(node.add(_committee(code, name, sector, rng)), groups, "Tổ chuyên môn", members, profile, rng)
        else:
            _hospital(node.add(_committee(code, name, sector, rng)), members, rng)


def _hospital(node: Node, expected: float, rng: Random) -> None:
    """A grassroots committee with a partial committee (đảng bộ bộ phận) over the clinical wards."""
    clinical = node.add(_committee(f"{node.code}.01", "Đảng bộ bộ phận Khối Lâm sàng", node.sector, rng,
                                   kind=K.PARTIAL_COMMITTEE))  # fmt: skip
    _cells(clinical, HOSPITAL_WARDS[:3], "Khoa lâm sàng", expected * 0.6, "health", rng)
    for code, name in ((f"{node.code}.02", "Khối Cận lâm sàng"), (f"{node.code}.03", "Phòng Hành chính")):
        node.add(Node(code, f"Chi bộ {name}", K.CELL, node.sector, "health", expected * 0.2,
                      founded_on=_founded(rng, 1980, 2015)))  # fmt: skip


def plan_province_units(root: Node, label: str, place: str, expected: float, rng: Random) -> None:
    """The province's own agencies, armed forces, a hospital and enterprises (about `expected` members)."""
    code = root.code
    government = root.add(_committee(f"{code}.CQ01", f"Đảng bộ Ủy ban nhân dân {label}", Sector.AGENCY, rng,
                                     kind=K.UPPER_GRASSROOTS))  # fmt: skip
    departments = PROVINCE_DEPARTMENTS
    for dep_code, department in zip(_codes(government, len(departments)), departments, strict=True):
        unit = government.add(_committee(dep_code, f"Đảng bộ {department}", Sector.AGENCY, rng))
        _cells(unit, DEPARTMENT_OFFICES, "Phòng Nghiệp vụ", expected * 0.45 / len(departments), "province_agency", rng)
    party = root.add(_committee(f"{code}.CQ02", f"Đảng bộ các cơ quan Đảng {label}", Sector.AGENCY, rng,
                                kind=K.UPPER_GRASSROOTS))  # fmt: skip
    committee = "Thành ủy" if label == "thành phố" else "Tỉnh ủy"
    for body_code, body in zip(_codes(party, len(PARTY_BODIES)), PARTY_BODIES, strict=True):
        share = expected * 0.10 / len(PARTY_BODIES)
        party.add(
            _grassroots_cell(body_code, f"Chi bộ {body} {committee}", Sector.AGENCY, "province_agency", share, rng)
        )
    for block, (name, units, profile) in enumerate(
        ((f"Công an {label}", POLICE_UNITS, "police"), (f"Quân sự {label}", MILITARY_UNITS, "military")), start=3
    ):
        unit = root.add(_committee(f"{code}.CQ{block:02d}", f"Đảng bộ {name}", Sector.ARMED_FORCES, rng))
        _cells(unit, units, "Đội công tác", expected * 0.12, profile, rng)
    hospital = root.add(_committee(f"{code}.SN01", f"Đảng bộ Bệnh viện Đa khoa {place}", Sector.PUBLIC_SERVICE, rng))
    _hospital(hospital, expected * 0.08, rng)
    college = root.add(_committee(f"{code}.SN02", f"Đảng bộ Trường Cao đẳng {place}", Sector.PUBLIC_SERVICE, rng))
    _cells(college, ["Khoa Sư phạm", "Khoa Kinh tế", "Khoa Kỹ thuật", "Sinh viên"], "Khoa", expected * 0.05,
           "university", rng)  # fmt: skip
    for number, firm in enumerate((f"Công ty Điện lực {place}", f"Công ty Cổ phần Cấp thoát nước {place}"), start=1):
        unit = root.add(_committee(f"{code}.DN{number:02d}", f"Đảng bộ {firm}", Sector.ENTERPRISE, rng, since=1990))
        _cells(unit, ["Khối Văn phòng", "Phòng Kinh doanh", "Phân xưởng sản xuất"], "Tổ sản xuất", expected * 0.04,
               "enterprise", rng)  # fmt: skip
