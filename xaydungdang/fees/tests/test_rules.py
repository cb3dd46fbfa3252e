"""The fee rules on worked examples at their boundaries (QĐ 01-QĐ/TW 2026), against the seeded tables."""

import datetime as dt
from types import SimpleNamespace

import pytest

from xaydungdang.fees import rules
from xaydungdang.fees.choices import AgeBracket, Category, ReliefKind, ReliefReason

pytestmark = pytest.mark.django_db
D = dt.date
BELOW, RETIRED = AgeBracket.BELOW_RETIREMENT, AgeBracket.RETIREMENT_OR_ABOVE


@pytest.fixture
def tables():
    return rules.Tables.load()


def basis(category, amount=0, zone=None, **kw):
    return SimpleNamespace(
        category=category,
        amount=amount,
        zone=zone,
        voluntary_amount=kw.get("voluntary"),
        voluntary_approval=kw.get("approval", ""),
    )


def fee(tables, b, month, *, previous=None, bracket=BELOW, fifty=None, reliefs=()):
    return rules.month_fee(
        basis=b,
        previous_basis=previous,
        bracket=bracket,
        month=month,
        tables=tables,
        fifty_years_on=fifty,
        reliefs=reliefs,
    )


def test_insured_salary_pays_one_percent_of_the_previous_months_salary(tables):
    february, march = basis(Category.SALARY, 8_000_000), basis(Category.SALARY, 10_000_000)
    assert fee(tables, february, D(2026, 2, 1), previous=february).amount == 80_000
    # The raise of 1 March counts from April: March's fee is on February's salary.
    assert fee(tables, march, D(2026, 3, 1), previous=february).amount == 80_000
    assert fee(tables, march, D(2026, 4, 1), previous=march).amount == 100_000


def test_pension_leave_benefit_and_students(tables):
    assert fee(tables, basis(Category.PENSION, 6_000_000), D(2026, 5, 1)).amount == 30_000
    assert fee(tables, basis(Category.LEAVE_BENEFIT, 7_000_000), D(2026, 5, 1)).amount == 70_000
    assert fee(tables, basis(Category.STUDENT), D(2026, 5, 1)).amount == 5_000


def test_not_insured_pays_a_share_of_the_regional_minimum_wage_stepping_up_in_2028(tables):
    zone_1 = basis(Category.NOT_INSURED, zone=1)
    assert fee(tables, zone_1, D(2027, 12, 1)).amount == 15_930  # 0.3% of 5,310,000
    assert fee(tables, zone_1, D(2028, 1, 1)).amount == 26_550  # 0.5% from 01/01/2028
    assert fee(tables, zone_1, D(2027, 12, 1), bracket=RETIRED).amount == 10_620  # 0.2%
    assert fee(tables, zone_1, D(2028, 1, 1), bracket=RETIRED).amount == 15_930  # 0.3% from 2028
    assert fee(tables, basis(Category.NOT_INSURED, zone=4), D(2026, 3, 1)).amount == 11_100  # 0.3% of 3,700,000


def test_not_insured_without_a_zone_is_a_problem_not_a_zero_fee_silently(tables):
    result = fee(tables, basis(Category.NOT_INSURED), D(2026, 3, 1))
    assert result.amount == 0 and result.problem == str(rules.NO_ZONE)
    assert fee(tables, None, D(2026, 3, 1)).problem == str(rules.NO_BASIS)


def test_rates_before_qd01_come_from_qd342(tables):
    assert fee(tables, basis(Category.SALARY, 5_000_000), D(2025, 6, 1)).amount == 50_000
    assert fee(tables, basis(Category.STUDENT), D(2025, 6, 1)).problem == str(rules.NO_RATE)


def test_a_voluntary_higher_amount_counts_only_when_approved(tables):
    b = basis(Category.PENSION, 6_000_000, voluntary=50_000)
    assert fee(tables, b, D(2026, 5, 1)).amount == 30_000
    b.voluntary_approval = "QĐ 5-QĐ/CB"
    assert fee(tables, b, D(2026, 5, 1)).amount == 50_000


@pytest.mark.parametrize(
    ("birth", "gender", "reached"),
    [
        (D(1960, 6, 1), "male", D(2020, 6, 1)),  # 60 before 2021
        (D(1961, 1, 15), "male", D(2021, 4, 15)),  # 60y3m in 2021
        (D(1961, 10, 1), "male", D(2022, 4, 1)),  # misses 2021's age, reaches 2022's 60y6m
        (D(1965, 5, 10), "male", D(2026, 11, 10)),  # 61y6m in 2026
        (D(1970, 1, 20), "female", D(2027, 5, 20)),  # 57y4m in 2027
        (D(1980, 1, 1), "female", D(2040, 1, 1)),  # capped at 60
    ],
)
def test_retirement_date_follows_the_yearly_steps_of_decree_135(birth, gender, reached):
    assert rules.retirement_date(birth, gender) == reached


def test_the_lower_rate_starts_the_month_after_retirement_age_is_reached():
    birth = D(1965, 5, 10)  # reaches 61y6m on 10/11/2026
    assert rules.age_bracket(birth, "male", D(2026, 11, 1)) == BELOW
    assert rules.age_bracket(birth, "male", D(2026, 12, 1)) == RETIRED


def test_fifty_years_of_party_age_exempts_from_the_month_it_is_reached(tables):
    b, fifty = basis(Category.PENSION, 6_000_000), D(2026, 6, 10)
    assert fee(tables, b, D(2026, 5, 1), fifty=fifty).amount == 30_000
    june = fee(tables, b, D(2026, 6, 1), fifty=fifty)
    assert june.exempt and june.amount == 0 and "50" in june.exempt_reason


def test_a_twelve_month_reduction_applies_until_its_last_month(tables):
    relief = SimpleNamespace(
        kind=ReliefKind.REDUCTION,
        reason=ReliefReason.HARDSHIP,
        reduction_percent=30,
        valid_from=D(2026, 3, 1),
        valid_to=D(2027, 2, 1),
    )
    b = basis(Category.PENSION, 6_000_000)
    assert fee(tables, b, D(2026, 2, 1), reliefs=[relief]).amount == 30_000
    assert fee(tables, b, D(2026, 3, 1), reliefs=[relief]).amount == 21_000
    assert fee(tables, b, D(2027, 2, 1), reliefs=[relief]).amount == 21_000
    assert fee(tables, b, D(2027, 3, 1), reliefs=[relief]).amount == 30_000


def test_an_exemption_decided_makes_the_month_not_owed(tables):
    relief = SimpleNamespace(
        kind=ReliefKind.EXEMPTION,
        reason=ReliefReason.POOR_HOUSEHOLD,
        reduction_percent=None,
        valid_from=D(2026, 3, 1),
        valid_to=D(2026, 12, 1),
    )
    result = fee(tables, basis(Category.NOT_INSURED, zone=2), D(2026, 4, 1), reliefs=[relief])
    assert result.exempt and result.amount == 0 and result.full == 14_190  # 0.3% of 4,730,000


def test_relief_limits_and_the_competent_level(tree):
    common = {"reason": ReliefReason.HARDSHIP, "cell": tree.cell_1, "decided_by": tree.school}
    assert (
        rules.relief_errors(
            kind=ReliefKind.REDUCTION, percent=50, valid_from=D(2026, 3, 1), valid_to=D(2027, 2, 1), **common
        )
        == {}
    )
    too_long = rules.relief_errors(
        kind=ReliefKind.REDUCTION, percent=50, valid_from=D(2026, 3, 1), valid_to=D(2027, 3, 1), **common
    )
    assert too_long["valid_to"] == [str(rules.TOO_LONG % {"months": 12, "given": 13})]
    bad_percent = rules.relief_errors(
        kind=ReliefKind.REDUCTION, percent=40, valid_from=D(2026, 3, 1), valid_to=D(2026, 5, 1), **common
    )
    assert "reduction_percent" in bad_percent
    # A chi bộ trực thuộc's members: the higher committee decides, not the cell itself.
    own = rules.relief_errors(
        kind=ReliefKind.REDUCTION,
        reason=ReliefReason.HARDSHIP,
        percent=50,
        valid_from=D(2026, 3, 1),
        valid_to=D(2026, 5, 1),
        cell=tree.cell_1,
        decided_by=tree.cell_1,
    )
    assert "decided_by" in own
    # A chi bộ cơ sở decides for its own members.
    assert rules.competent_level(tree.village_a) == tree.village_a
    # An exemption for a lasting reason is not limited to 12 months.
    long_exemption = rules.relief_errors(
        kind=ReliefKind.EXEMPTION,
        reason=ReliefReason.SERIOUS_ILLNESS,
        percent=None,
        valid_from=D(2026, 3, 1),
        valid_to=D(2028, 3, 1),
        **{k: v for k, v in common.items() if k != "reason"},
    )
    assert long_exemption == {}


def test_three_unpaid_months_of_the_year_are_a_ground_once_they_are_over():
    unpaid = [D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1)]
    assert not rules.is_arrears_ground(unpaid, D(2026, 5, 31))
    assert rules.is_arrears_ground(unpaid, D(2026, 6, 1))
    assert not rules.is_arrears_ground([D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1)], D(2026, 6, 1))


def test_percent_rounds_to_whole_dong():
    assert rules.percent_of(1_234_567, 100) == 12_346
    assert rules.percent_of(5_310_000, 30) == 15_930
