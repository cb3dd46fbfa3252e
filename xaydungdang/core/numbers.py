"""Numbers written the Vietnamese way: 2.517 (dot groups thousands), 53,6% (comma before decimals).

The one owner of how a number reads, on pages (the `vn_numbers` template filters), in exports' text and in
narrative reports: thousands grouped, rates to one decimal, and a rate that is not zero never shown as "0%"
(it reads "<0,1%").
"""

from decimal import ROUND_HALF_UP, Decimal


def vn_int(value: int | None) -> str:
    """2517 -> "2.517"; -1200 -> "-1.200"."""
    if value is None:
        return ""
    return f"{int(value):,}".replace(",", ".")


def vn_decimal(value, places: int = 1) -> str:
    """53.6 -> "53,6"; 150.0 -> "150" (a whole number drops its decimals); 1234.5 -> "1.234,5"."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-places)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    if number == number.to_integral_value():
        return vn_int(int(number))
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    sign = "-" if number < 0 else ""
    return f"{sign}{vn_int(int(whole))},{fraction.rstrip('0')}"


def vn_percent(value, places: int = 1) -> str:
    """53.6 -> "53,6%"; 0.04 -> "<0,1%" (not zero, never shown as 0%); None -> "" (no plan, no rate)."""
    if value is None:
        return ""
    smallest = Decimal(1).scaleb(-places)
    number = Decimal(str(value))
    if number and abs(number) < smallest / 2:
        return f"{'>-' if number < 0 else '<'}{vn_decimal(smallest, places)}%"
    return f"{vn_decimal(value, places)}%"


def vn_rate(value, places: int = 1) -> str:
    """A rate in a table cell: as vn_percent, and "—" when there is nothing to divide."""
    return "—" if value is None else vn_percent(value, places)


def vn_count_share(part: int | None, whole: int | None) -> str:
    """1843 of 15094 -> "1.843 (12,2%)"; an empty whole -> "1.843"."""
    rate = share(part or 0, whole or 0)
    return vn_int(part or 0) if rate is None else f"{vn_int(part or 0)} ({vn_percent(rate)})"


def share(part: int, whole: int) -> Decimal | None:
    """part / whole as a percentage, None for an empty whole."""
    return None if not whole else Decimal(part) * 100 / Decimal(whole)
