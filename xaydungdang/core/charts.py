"""One way to feed a chart, used by every chart of the application (issue 17 item 13).

- No chart without data: `ChartData.empty` says so, and the page shows a message instead of an empty canvas
  (templates: `{% include "core/_chart.html" %}`).
- Many bars (a province's admission plan by ~150 units) do not make a chart: past `top` bars the rows are
  sorted, largest first, and those after the first `top - 1` are added up into one "Khác" (others) bar. The
  table beside the chart keeps every row.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from xaydungdang.core.numbers import vn_int

TOP_N = 12  # bars a chart shows at most: the 11 largest and "Khác"


@dataclass
class ChartData:
    labels: list[str]
    series: list[list[float]]
    folded: int = 0  # how many rows were added up into "Khác"
    extra: dict = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Nothing to draw: no row, or every figure zero."""
        return not any(value for values in self.series for value in values)

    def payload(self, **fields) -> dict | None:
        """The chart's JSON (json_script): labels, the series in order as "series", and `fields` (type, titles);
        None when there is nothing to draw."""
        if self.empty:
            return None
        return {**fields, **self.extra, "labels": self.labels, "series": self.series, "folded": self.folded}


def chart_data(labels: Sequence, *series: Sequence, top: int | None = TOP_N, additive: bool = True) -> ChartData:
    """The rows (`labels`, each series one value per label) as a chart draws them.

    At most `top` rows keep their order (age bands read in order); more are sorted by the first series (then the
    others), largest first, and the rows after the first `top - 1` become one "Khác" bar holding their sums.
    A series of rates (`additive=False`) cannot be summed: its rows are cut to the `top` largest instead.
    A time series (months) keeps every point: `top=None`.
    """
    labels = [str(label) for label in labels]
    columns = [[value or 0 for value in values] for values in series]
    if any(len(values) != len(labels) for values in columns):
        raise ValueError("every series needs one value per label")
    if top is None or len(labels) <= top:
        return ChartData(labels, columns)
    order = sorted(range(len(labels)), key=lambda i: tuple(-values[i] for values in columns))
    keep = order[: top - 1] if additive else order[:top]
    rest = order[top - 1 :] if additive else []
    kept_labels = [labels[i] for i in keep]
    kept = [[values[i] for i in keep] for values in columns]
    if rest:
        kept_labels.append(_("Khác (%(n)s)") % {"n": vn_int(len(rest))})
        for values, column in zip(kept, columns, strict=True):
            values.append(sum(column[i] for i in rest))
    return ChartData(kept_labels, kept, folded=len(rest) if additive else len(labels) - top)
