"""Every query parameter of every page is read here: one helper per kind of value, each with its bounds.

A value that is not one of its kind, or out of its bounds, raises `BadQuery`, which `BadQueryMiddleware`
answers with HTTP 400 and a Vietnamese message naming the parameter (a page, an htmx fragment, or JSON under
the API). Views never read `request.GET` themselves (a test greps for it); they call these helpers, or bind a
filter form to `request.GET` and pass it to `query_form`.

Each helper records the names a view reads (`READ_PARAMETERS`), so the property-based test of the pages
sends random values to exactly the parameters each page reads.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from xaydungdang.core.dates import MAX_YEAR, MIN_YEAR, in_bounds, parse_vn_date

PAGE_SIZE = 50
# No list of this system has a million pages; a bigger number is a typo or a probe (an OFFSET that overflows).
MAX_PAGE = 1_000_000
MAX_TEXT = 200
MAX_PK = 2**63 - 1

INVALID_DATE = gettext_lazy(
    "Ngày “%(value)s” không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 01/07/2025 (năm từ %(min)s đến %(max)s)."
)
INVALID_MONTH = gettext_lazy(
    "Tháng “%(value)s” không hợp lệ: hãy nhập theo dạng %(example)s (năm từ %(min)s đến %(max)s)."
)
NOT_A_NUMBER = gettext_lazy("“%(value)s” không phải là một số nguyên.")
OUT_OF_RANGE = gettext_lazy("Giá trị %(value)s nằm ngoài khoảng cho phép (từ %(min)s đến %(max)s).")
NOT_A_CHOICE = gettext_lazy("“%(value)s” không phải là một lựa chọn hợp lệ (%(choices)s).")
TOO_LONG = gettext_lazy("Giá trị dài quá %(max)s ký tự.")
CONTROL_CHARACTER = gettext_lazy("Giá trị chứa ký tự điều khiển không được phép.")
NOT_AN_ID = gettext_lazy("“%(value)s” không phải là mã số hợp lệ của một bản ghi.")
BAD_PARAMETER = gettext_lazy("Tham số “%(name)s” không hợp lệ")

# view name → the query parameter names it read (filled as views run; read by the tests).
READ_PARAMETERS: dict[str, set[str]] = defaultdict(set)


class BadQuery(BadRequest):
    """A query parameter that is not of its kind or out of its bounds: answered with HTTP 400."""

    def __init__(self, name: str, message) -> None:
        self.name = name
        self.message = str(message)
        super().__init__(f"{self.heading}: {self.message}")

    @property
    def heading(self) -> str:
        return str(BAD_PARAMETER % {"name": self.name})


def record_read(request: HttpRequest, names: Iterable[str]) -> None:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        READ_PARAMETERS[match.view_name].update(names)


def query_text(request: HttpRequest, name: str, default: str = "", *, max_length: int = MAX_TEXT) -> str:
    """A free text (a search, a redirect target), stripped; too long → 400."""
    record_read(request, [name])
    raw = request.GET.get(name, "").strip()
    _check(name, raw, max_length)
    return raw or default


def _check(name: str, raw: str, max_length: int = MAX_TEXT) -> None:
    if len(raw) > max_length:
        raise BadQuery(name, TOO_LONG % {"max": max_length})
    if "\x00" in raw:  # PostgreSQL refuses NUL in a string: a 500 if it reached a query
        raise BadQuery(name, CONTROL_CHARACTER)


def query_flag(request: HttpRequest, name: str) -> bool:
    """A check box of a filter: on when present and not empty."""
    return bool(query_text(request, name))


def query_int(
    request: HttpRequest, name: str, default: int | None = None, *, min_value: int, max_value: int
) -> int | None:
    """An integer within [min_value, max_value]; `default` when absent or empty."""
    raw = query_text(request, name)
    if not raw:
        return default
    try:
        number = int(raw)
    except ValueError:
        raise BadQuery(name, NOT_A_NUMBER % {"value": raw}) from None
    if not min_value <= number <= max_value:
        raise BadQuery(name, OUT_OF_RANGE % {"value": raw, "min": min_value, "max": max_value})
    return number


def query_page(request: HttpRequest, name: str = "page") -> int:
    """The page number of a list: 1..MAX_PAGE (a page past the end shows the last one)."""
    return query_int(request, name, 1, min_value=1, max_value=MAX_PAGE)


def query_year(
    request: HttpRequest, name: str = "year", default: int | None = None, *, min_value: int = MIN_YEAR
) -> int:
    return query_int(request, name, default, min_value=min_value, max_value=MAX_YEAR)


def query_pk(request: HttpRequest, name: str) -> int | None:
    """The id of a record (its visibility is the caller's to decide: out of scope → 404)."""
    raw = query_text(request, name)
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PK:
        raise BadQuery(name, NOT_AN_ID % {"value": raw})
    return int(raw)


def query_choice(request: HttpRequest, name: str, choices: Iterable[str], default: str = "") -> str:
    """One of `choices` (empty → default)."""
    allowed = [str(c) for c in choices]
    raw = query_text(request, name)
    if not raw:
        return default
    if raw not in allowed:
        raise BadQuery(name, NOT_A_CHOICE % {"value": raw, "choices": ", ".join(allowed)})
    return raw


def query_date(request: HttpRequest, name: str = "on", default: dt.date | None = None) -> dt.date | None:
    """A date `dd/mm/yyyy` (or ISO) with a year in MIN_YEAR..MAX_YEAR; `default` when absent."""
    raw = query_text(request, name)
    if not raw:
        return default
    day = parse_vn_date(raw)
    if day is None:
        raise BadQuery(name, INVALID_DATE % {"value": raw, "min": MIN_YEAR, "max": MAX_YEAR})
    return day


def query_month(request: HttpRequest, name: str, default: dt.date, *, formats: Iterable[str], example: str) -> dt.date:
    """The first day of a month typed in one of `formats` (e.g. "%m/%Y"), its year within bounds."""
    raw = query_text(request, name)
    if not raw:
        return default
    for fmt in formats:
        try:
            day = dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a month, no time zone
        except ValueError:
            continue
        if in_bounds(day):
            return day.replace(day=1)
    raise BadQuery(name, INVALID_MONTH % {"value": raw, "example": example, "min": MIN_YEAR, "max": MAX_YEAR})


def form_is_valid(request: HttpRequest, form) -> bool:
    """A filter form (or FilterSet) bound to `request.GET`, shown with its own errors: records the names it
    reads and bounds their length (400), then validates."""
    record_read(request, form.fields if hasattr(form, "fields") else form.form.fields)
    if not form.is_bound:
        return True
    for name, values in request.GET.lists():
        for value in values:
            _check(name, value)
    return form.is_valid()


def query_form(request: HttpRequest, form):
    """A filter form bound to `request.GET`: its cleaned data, or BadQuery naming its first wrong field."""
    if form_is_valid(request, form):
        return form.cleaned_data
    name, errors = next(iter(form.errors.items()))
    raise BadQuery(name, " ".join(str(e) for e in errors))


def querystring_without_page(request: HttpRequest) -> str:
    """The current query string minus `page`, ready to prefix `page=N` (core/_pagination.html)."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def parse_on_date(request: HttpRequest, name: str = "on") -> tuple[dt.date | None, str]:
    """The optional `on=dd/mm/yyyy` of a list: (date or None, the raw text to show in its field)."""
    return query_date(request, name), query_text(request, name)
