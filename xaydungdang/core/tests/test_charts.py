"""core.charts: no chart without data, a sorted top-N with "Khác" past TOP_N bars (issue 17 item 13)."""

import pytest

from xaydungdang.core.charts import TOP_N, chart_data


def test_no_rows_or_only_zeros_is_empty_and_has_no_payload():
    assert chart_data([], []).empty
    zeros = chart_data(["Nam", "Nữ"], [0, 0], [0, None])
    assert zeros.empty and zeros.payload(type="bar") is None
    assert chart_data(["Nam", "Nữ"], [0, 1]).payload(type="doughnut") == {
        "type": "doughnut",
        "labels": ["Nam", "Nữ"],
        "series": [[0, 1]],
        "folded": 0,
    }


def test_few_rows_keep_their_order():
    bands = ["18–30", "31–40", "41–50", "51–60", "Trên 60"]
    data = chart_data(bands, [1, 9, 3, 7, 2])
    assert data.labels == bands and data.series == [[1, 9, 3, 7, 2]] and data.folded == 0


def test_a_provinces_plan_by_150_units_becomes_the_largest_and_others():
    units = [f"Đảng bộ {n}" for n in range(150)]
    planned = [n % 40 for n in range(150)]
    admitted = [1] * 150
    data = chart_data(units, planned, admitted)
    assert len(data.labels) == TOP_N and data.folded == 150 - (TOP_N - 1)
    assert data.labels[-1] == "Khác (139)"
    kept = data.series[0][:-1]
    assert kept == sorted(kept, reverse=True) and kept[0] == 39
    assert sum(data.series[0]) == sum(planned) and sum(data.series[1]) == 150  # nothing lost in "Khác"
    assert data.payload(type="plan")["folded"] == 139


def test_rates_are_cut_not_summed():
    data = chart_data([str(n) for n in range(20)], [float(n) for n in range(20)], additive=False)
    assert data.labels == [str(n) for n in range(19, 19 - TOP_N, -1)] and "Khác" not in " ".join(data.labels)


def test_series_of_another_length_are_refused():
    with pytest.raises(ValueError):
        chart_data(["a", "b"], [1])


def test_a_time_series_keeps_every_point_in_order():
    months = [f"{m:02d}/2025" for m in range(1, 13)] + [f"{m:02d}/2026" for m in range(1, 7)]
    data = chart_data(months, list(range(18)), top=None)
    assert data.labels == months and data.folded == 0
    assert chart_data(months, [0] * 18, top=None).empty
