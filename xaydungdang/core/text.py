"""Vietnamese text normalisation: names kept as typed (NFC), searched without diacritics."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize_name(value: str) -> str:
    """NFC form with single spaces, the way a name is stored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value or "")).strip()


def fold(value: str) -> str:
    """Lower case without diacritics, đ/Đ to d: `Nguyễn Văn Hùng` -> `nguyen van hung`."""
    decomposed = unicodedata.normalize("NFD", value or "").replace("đ", "d").replace("Đ", "D")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()
