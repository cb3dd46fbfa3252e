import datetime as dt
from types import SimpleNamespace

import pytest

from xaydungdang.candidates import services as candidate_services
from xaydungdang.training import services as svc
from xaydungdang.training.catalog import ensure_course_kinds


@pytest.fixture
def kinds(db):
    return SimpleNamespace(**{code.replace("-", "_"): kind for code, kind in ensure_course_kinds().items()})


@pytest.fixture
def candidate(tree, users):
    return candidate_services.candidate_create(
        actor=users.secretary, organization=tree.cell_1, recorded_on=dt.date(2024, 1, 5), full_name="Huỳnh Thị Ngọc",
        gender="female", birth_date=dt.date(2000, 4, 2), education_level="upper_secondary",
    )  # fmt: skip


@pytest.fixture
def awareness_class(tree, users, kinds):
    return svc.class_create(
        actor=users.officer, organization=tree.commune_a, course_kind=kinds.nhan_thuc,
        name="Lớp nhận thức về Đảng khóa 1/2024", organizer="Trung tâm chính trị phường Ninh Kiều",
        starts_on=dt.date(2024, 2, 1), ends_on=dt.date(2024, 2, 5), capacity=2, place="Hội trường phường",
    )  # fmt: skip
