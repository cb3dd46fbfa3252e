"""Vietnamese text normalisation: names kept as typed (NFC), searched without diacritics."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_WORD_START = re.compile(r"(^|[\s'’-])(\w)")


def normalize_name(value: str) -> str:
    """NFC form with single spaces, the way a name is stored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value or "")).strip()


def title_case_name(value: str) -> str:
    """A person's name the Vietnamese way: each word's first letter capital, the rest small
    ("nguyễn văn HÙNG" -> "Nguyễn Văn Hùng"); a part after an apostrophe or a hyphen too, as in names of
    the Central Highlands ("h'hen niê" -> "H'Hen Niê"). NFC, single spaces."""
    return _WORD_START.sub(lambda m: m.group(1) + m.group(2).upper(), normalize_name(value).lower())


def fold(value: str) -> str:
    """Lower case without diacritics, đ/Đ to d: `Nguyễn Văn Hùng` -> `nguyen van hung`."""
    decomposed = unicodedata.normalize("NFD", value or "").replace("đ", "d").replace("Đ", "D")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


# Vietnamese alphabetical order, with the letters a Vietnamese list may borrow (f, j, w, z) in Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: f"{index + 1:02d}" for index, letter in enumerate(_ALPHABET)}
# Tones, in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def _letter_key(char: str) -> tuple[str, str]:
    base, tone = "", "0"
    for part in unicodedata.normalize("NFD", char):
        if part in _TONES:
            tone = _TONES[part]
        else:
            base += part
    base = unicodedata.normalize("NFC", base)
    return _RANK.get(base, f"{ord(base[0]) % 100:02d}" if base else "00"), tone


def sort_key(name: str) -> str:
    """A key that orders names the Vietnamese way: by given name, then family and middle names, in the
    Vietnamese alphabet (a ă â … đ …), tones last. Digits only, so any database collation keeps the order."""
    words = normalize_name(name).lower().split()
    if len(words) > 1:
        words = [words[-1], *words[:-1]]
    letters, tones = [], []
    for word in words:
        for char in word:
            letter, tone = _letter_key(char)
            letters.append(letter)
            tones.append(tone)
        letters.append("00")
    return "".join(letters) + "".join(tones)
