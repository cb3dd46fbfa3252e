import datetime as dt

import pytest

from xaydungdang.reviews import services

YEAR = 2024


@pytest.fixture
def period(users, tree):
    """The 2024 annual review, opened by the province for its whole tree."""
    return services.period_open(
        actor=users.officer,
        organization=tree.province,
        year=YEAR,
        deadlines={"cell": dt.date(YEAR, 12, 10), "grassroots_committee": dt.date(YEAR, 12, 20)},
    )


@pytest.fixture
def cell_dossier(period, tree, users):
    return services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)


def rows_by_name(dossier) -> dict:
    return {r.subject_name: r for r in dossier.reviews.select_related("member", "organization")}
