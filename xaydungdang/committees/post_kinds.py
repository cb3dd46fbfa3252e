"""The kinds of post the system starts with (rules.md §2.11; glossary): loaded by a data migration, then data."""

from xaydungdang.organizations.choices import OrganizationKind as K

COMMITTEE_KINDS = [K.CENTRAL, K.PROVINCIAL, K.UPPER_GRASSROOTS, K.GRASSROOTS_COMMITTEE, K.PARTIAL_COMMITTEE]
STANDING_KINDS = [K.CENTRAL, K.PROVINCIAL, K.UPPER_GRASSROOTS, K.GRASSROOTS_COMMITTEE]
INSPECTION_KINDS = [K.CENTRAL, K.PROVINCIAL, K.UPPER_GRASSROOTS, K.GRASSROOTS_COMMITTEE]
CELL_KINDS = [K.GRASSROOTS_CELL, K.CELL]
ALL_KINDS = COMMITTEE_KINDS + CELL_KINDS

# code, name, kinds of organization, rank (seniority), order
DEFAULT_POST_KINDS = [
    ("bi-thu", "Bí thư", ALL_KINDS, 90, 10),
    ("pho-bi-thu", "Phó Bí thư", ALL_KINDS, 80, 20),
    ("uy-vien-ban-thuong-vu", "Ủy viên Ban Thường vụ", STANDING_KINDS, 70, 30),
    ("cap-uy-vien", "Cấp ủy viên", COMMITTEE_KINDS, 50, 40),
    ("chi-uy-vien", "Chi ủy viên", CELL_KINDS, 50, 50),
    ("chu-nhiem-ubkt", "Chủ nhiệm Ủy ban Kiểm tra", INSPECTION_KINDS, 60, 60),
    ("pho-chu-nhiem-ubkt", "Phó Chủ nhiệm Ủy ban Kiểm tra", INSPECTION_KINDS, 45, 70),
    ("uy-vien-ubkt", "Ủy viên Ủy ban Kiểm tra", INSPECTION_KINDS, 40, 80),
]
