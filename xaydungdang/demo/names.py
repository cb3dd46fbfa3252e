"""Weighted tables of Vietnamese names for the demo data, shaped on the Mekong delta (Cần Thơ).

Faker's vi_VN draws names uniformly and mixes northern given names with rare ones; these tables
weigh family names by their share in the south-west (Nguyễn about 31%, Trần 11%, Lê 9%, Huỳnh
rather than Hoàng), middle names by gender and generation (Thị gives way to Ngọc, Thanh, Kim… in
women born after 1985), and keep Khmer and Hoa names for members of those ethnic groups.
The weights are relative (they need not sum to 100).
"""

from bisect import bisect
from itertools import accumulate
from random import Random


class Weighted:
    """A table of values with relative weights, drawn in O(log n)."""

    def __init__(self, table: dict[str, float]) -> None:
        self.values = list(table)
        self.cumulative = list(accumulate(table.values()))
        self.total = self.cumulative[-1]

    def pick(self, rng: Random) -> str:
        return self.values[bisect(self.cumulative, rng.random() * self.total)]

    def share(self, value: str) -> float:
        index = self.values.index(value)
        previous = self.cumulative[index - 1] if index else 0.0
        return (self.cumulative[index] - previous) / self.total


KINH_FAMILY = Weighted(
    {
        "Nguyễn": 31.0, "Trần": 11.0, "Lê": 9.0, "Huỳnh": 5.4, "Phạm": 4.8, "Võ": 5.0, "Phan": 3.4,
        "Trương": 2.6, "Đặng": 1.8, "Bùi": 1.7, "Hồ": 1.6, "Đỗ": 1.3, "Ngô": 1.3, "Dương": 1.2,
        "Đoàn": 1.0, "Lâm": 1.1, "Châu": 0.8, "Lý": 0.8, "Mai": 0.8, "Hoàng": 0.8, "Cao": 0.7,
        "Vũ": 0.6, "Tô": 1.0, "Lương": 1.0, "Đinh": 0.6, "Lưu": 0.5, "Hà": 0.5, "Thái": 0.4,
        "Tạ": 0.4, "Trịnh": 0.4, "Từ": 0.3, "La": 0.3, "Quách": 0.3, "Tăng": 0.3, "Kiều": 0.2,
        "Diệp": 0.2, "Lục": 0.1, "Giang": 0.2, "Văn": 0.2, "Triệu": 0.2, "Hứa": 0.2, "Mạc": 0.1,
        "Thạch": 0.2, "Danh": 0.1, "Đào": 0.8, "Tống": 0.3, "Phùng": 0.3, "Khưu": 0.3, "Lại": 0.3,
        "Thân": 0.2, "Ông": 0.2, "Quan": 0.2, "Mã": 0.3, "Nghiêm": 0.1, "Bành": 0.2, "Sử": 0.1, "Âu": 0.2, "Kha": 0.3,
        "Cù": 0.1, "Phó": 0.1,
    }
)  # fmt: skip

KHMER_FAMILY = Weighted(
    {
        "Thạch": 30, "Danh": 24, "Sơn": 15, "Kim": 8, "Lâm": 5, "Lý": 4, "Trần": 4, "Châu": 4,
        "Triệu": 2, "Huỳnh": 2, "Thị": 1, "Dương": 1,
    }
)  # fmt: skip

HOA_FAMILY = Weighted(
    {
        "Lâm": 14, "Lý": 12, "Trương": 10, "Quách": 8, "Châu": 8, "Tăng": 7, "Mã": 6, "Tạ": 6,
        "Hứa": 5, "Lưu": 5, "Diệp": 4, "La": 4, "Triệu": 4, "Trần": 4, "Huỳnh": 3,
    }
)  # fmt: skip

MALE_MIDDLE = Weighted(
    {
        "Văn": 42, "Minh": 9, "Thanh": 7, "Quốc": 6, "Hữu": 6, "Hoàng": 4, "Công": 4, "Trung": 3,
        "Đức": 3, "Ngọc": 3, "Tấn": 3, "Phước": 2, "Thành": 2, "Chí": 2, "Duy": 2, "Trọng": 2,
        "Hồng": 1, "Xuân": 1, "Kim": 1, "Thiện": 1, "Vĩnh": 1, "Nhật": 1, "Gia": 1, "Tuấn": 1,
    }
)  # fmt: skip

# Women born before 1985 are mostly "Thị"; younger ones far less often.
FEMALE_MIDDLE_OLDER = Weighted(
    {
        "Thị": 72, "Ngọc": 7, "Thanh": 4, "Kim": 4, "Mỹ": 2, "Thu": 2, "Bích": 2, "Hồng": 2,
        "Thúy": 1, "Minh": 1, "Tuyết": 1, "Phương": 1, "Cẩm": 1,
    }
)  # fmt: skip
FEMALE_MIDDLE_YOUNGER = Weighted(
    {
        "Thị": 38, "Ngọc": 13, "Thanh": 8, "Kim": 6, "Mỹ": 6, "Thu": 4, "Bích": 3, "Hồng": 3,
        "Phương": 4, "Thúy": 3, "Minh": 3, "Diễm": 2, "Hoàng": 2, "Huỳnh": 2, "Yến": 1, "Cẩm": 2,
        "Tường": 1, "Bảo": 2, "Khánh": 2,
    }
)  # fmt: skip

MALE_GIVEN = Weighted(
    {
        "Hùng": 4.0, "Dũng": 3.5, "Tuấn": 3.5, "Hải": 3.0, "Minh": 3.0, "Phúc": 2.8, "Thành": 2.8,
        "Hiếu": 2.5, "Nam": 2.5, "Long": 2.5, "Trí": 2.5, "Tâm": 2.4, "Phong": 2.0, "Tài": 2.0,
        "Lợi": 2.0, "Hòa": 2.0, "Bình": 2.0, "Sơn": 2.0, "Thắng": 1.8, "Vinh": 1.8, "Toàn": 1.8,
        "Quang": 1.5, "Huy": 2.0, "Khoa": 1.5, "Tùng": 1.2, "Nghĩa": 1.8, "Thiện": 1.5, "Lộc": 1.8,
        "Phước": 1.8, "Hậu": 1.8, "Nhân": 1.8, "Tín": 1.5, "Đức": 1.5, "Trung": 1.5, "Tú": 1.2,
        "Cường": 1.8, "Kiệt": 1.0, "Duy": 1.2, "An": 1.5, "Bảo": 1.2, "Tấn": 1.0, "Hưng": 1.5,
        "Em": 1.0, "Út": 0.8, "Sang": 1.2, "Thuận": 1.2, "Việt": 1.0, "Khang": 1.2, "Đạt": 1.5,
        "Thanh": 1.5, "Hoàng": 1.2, "Quốc": 0.8, "Triều": 0.6, "Trường": 1.0, "Khải": 0.6,
        "Nhựt": 0.8, "Thịnh": 1.0, "Tiến": 1.0, "Hiển": 0.8, "Châu": 0.6, "Dương": 0.6,
    }
)  # fmt: skip

FEMALE_GIVEN = Weighted(
    {
        "Lan": 3.0, "Hương": 3.0, "Hoa": 2.5, "Trang": 3.0, "Linh": 2.5, "Ngọc": 2.5, "Thảo": 3.0,
        "Hạnh": 2.2, "Nga": 2.0, "Mai": 2.2, "Thủy": 2.2, "Hằng": 2.0, "Tuyết": 2.0, "Nhung": 1.8,
        "Yến": 2.0, "Phượng": 1.8, "Diễm": 1.8, "Trinh": 2.0, "Hiền": 2.0, "Dung": 2.0, "Vân": 1.8,
        "Loan": 1.8, "Thu": 1.5, "Hà": 1.5, "Oanh": 1.5, "Xuân": 1.5, "Cúc": 1.0, "Huệ": 1.2,
        "Kiều": 1.2, "Tuyền": 1.5, "Thúy": 1.5, "Nhi": 2.0, "Anh": 2.0, "Vy": 1.2, "Trâm": 1.5,
        "Ngân": 1.8, "Quyên": 1.2, "Hồng": 1.5, "Liên": 1.2, "Bích": 1.0, "Em": 1.0, "Út": 0.8,
        "Thắm": 1.0, "Duyên": 1.5, "Giang": 1.2, "Nhàn": 1.0, "My": 1.2, "Châu": 1.0, "Ly": 1.2,
        "Phương": 1.8, "Tiên": 1.2, "Nguyệt": 1.0, "Thư": 1.2, "Uyên": 1.0,
    }
)  # fmt: skip

KHMER_MALE_MIDDLE = Weighted({"": 55, "Văn": 25, "Sô": 5, "Sà": 5, "Minh": 5, "Thanh": 5})
KHMER_FEMALE_MIDDLE = Weighted({"Thị": 65, "": 20, "Ngọc": 5, "Sa": 5, "Kim": 5})
KHMER_MALE_GIVEN = Weighted(
    {
        "Sóc": 3, "Phol": 3, "Sa Rinh": 2, "Chanh": 3, "Khen": 2, "Mau": 2, "Thươl": 2, "Bô Ra": 2,
        "Quành": 2, "Sa Ron": 2, "Dên": 2, "Kha": 2, "Sang": 2, "Phước": 2, "Dũng": 2, "Thuận": 2,
        "Sô Phát": 1, "Ra": 2, "Hên": 2, "Sươl": 1, "Đa Ra": 1, "Sóc Khang": 1, "Thạnh": 2,
    }
)  # fmt: skip
KHMER_FEMALE_GIVEN = Weighted(
    {
        "Sa Rươl": 2, "Sóc Kha": 2, "Phal": 2, "Sa Ly": 2, "Sa Quên": 2, "Sà Rết": 2, "Mum": 2,
        "Sa Vênh": 1, "Thu": 2, "Huệ": 2, "Ngọc Hân": 1, "Đa Ni": 2, "Chanh Thu": 1, "Kim Ly": 2,
        "Sa Ra": 2, "Mỹ": 2, "Phương": 2, "Sóc Na": 1, "Sa Mết": 1,
    }
)  # fmt: skip


def person_name(rng: Random, *, gender: str, birth_year: int, ethnicity: str) -> str:
    """A full name for a person of that gender, generation and ethnic group (GSO codes: 05 Khmer, 04 Hoa)."""
    female = gender == "female"
    if ethnicity == "05":
        family = KHMER_FAMILY.pick(rng)
        middle = (KHMER_FEMALE_MIDDLE if female else KHMER_MALE_MIDDLE).pick(rng)
        given = (KHMER_FEMALE_GIVEN if female else KHMER_MALE_GIVEN).pick(rng)
    else:
        family = (HOA_FAMILY if ethnicity == "04" else KINH_FAMILY).pick(rng)
        if female:
            middle = (FEMALE_MIDDLE_OLDER if birth_year < 1985 else FEMALE_MIDDLE_YOUNGER).pick(rng)
        else:
            middle = MALE_MIDDLE.pick(rng)
        given_table = FEMALE_GIVEN if female else MALE_GIVEN
        given = given_table.pick(rng)
        while given == middle:  # "Nguyễn Ngọc Ngọc" does not happen
            given = given_table.pick(rng)
    return " ".join(part for part in (family, middle, given) if part)
