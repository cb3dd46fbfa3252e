"""Numbers written the Vietnamese way: 2.517 (dot groups thousands), 53,6% (comma before decimals)."""

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
    """53.6 -> "53,6%"; None -> "" (no plan, no rate)."""
    return "" if value is None else f"{vn_decimal(value, places)}%"


def share(part: int, whole: int) -> Decimal | None:
    """part / whole as a percentage, None for an empty whole."""
    return None if not whole else Decimal(part) * 100 / Decimal(whole)
