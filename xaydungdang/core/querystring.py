"""Reading the common parameters of list pages: `page` and the as-of date `on=dd/mm/yyyy`."""

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from xaydungdang.core.dates import parse_vn_date

PAGE_SIZE = 50
INVALID_DATE = gettext_lazy("Ngày “%(value)s” không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 01/07/2025.")


def querystring_without_page(request: HttpRequest) -> str:
    """The current query string minus `page`, ready to prefix `page=N` (core/_pagination.html)."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def parse_on_date(request: HttpRequest, name: str = "on") -> tuple[dt.date | None, str, str]:
    """The optional `on=dd/mm/yyyy` of a list: (date or None, the raw text, an error message or "")."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None, "", ""
    day = parse_vn_date(raw)
    if day is None:
        return None, raw, str(INVALID_DATE % {"value": raw})
    return day, raw, ""
