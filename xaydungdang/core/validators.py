"""The one "not in the future" rule: every date a user enters about something that happened is checked here.

Services collect errors per field (`future_errors`) or raise at once (`require_not_in_future`); model and
form fields use `validate_not_in_future`. A caller may word the message for its field (a payment's date, a
meeting's date), never the rule.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from xaydungdang.core.dates import today

IN_FUTURE = gettext_lazy("Ngày không được ở tương lai.")


def is_in_future(value: dt.date | None, *, on: dt.date | None = None) -> bool:
    """Whether `value` is after `on` (default today, in the site's time zone); an empty date is not."""
    return value is not None and value > (on or today())


def future_errors(message=IN_FUTURE, *, on: dt.date | None = None, **dates: dt.date | None) -> dict[str, list]:
    """`{field: [message]}` for each of the named dates that is in the future."""
    on = on or today()
    return {field: [message] for field, value in dates.items() if is_in_future(value, on=on)}


def require_not_in_future(message=IN_FUTURE, *, on: dt.date | None = None, **dates: dt.date | None) -> None:
    """Raise a ValidationError naming each date in the future."""
    errors = future_errors(message, on=on, **dates)
    if errors:
        raise ValidationError(errors)


def validate_not_in_future(value: dt.date | None) -> None:
    """Field validator (models and forms)."""
    if is_in_future(value):
        raise ValidationError(IN_FUTURE, code="future")
