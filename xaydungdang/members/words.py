"""The words of a member's name, the one owner of what the name search indexes (members.models.MemberWord).

A name's words are the words of its folded form (core.text.fold: lower case, no diacritics, đ → d, single
spaces), split on spaces, each once. Every writer of `Member.search_name` keeps the member's word rows:
`Member.save`, the bulk paths (exchange.member_batch, the demo builder) with `word_rows`, and migration 0012's
backfill, whose set-based SQL (`WORDS_SQL`, PostgreSQL) a test holds equal to `name_words`.
"""

from xaydungdang.core.text import fold

WORD_COLUMNS = ("member_id", "word", "sort_name")  # MemberWord's columns, in the order of `word_rows`
# The same rows in SQL, for every member `m` (PostgreSQL; a caller may add `AND …` on `m`).
WORDS_SQL = (
    "SELECT DISTINCT m.id, w.word, m.sort_name FROM members_member m"
    " CROSS JOIN LATERAL unnest(string_to_array(m.search_name, ' ')) AS w(word) WHERE w.word <> ''"
)


def name_words(search_name: str) -> list[str]:
    """The distinct words of a folded name, in their order: `nguyen van nguyen` -> [nguyen, van]."""
    return list(dict.fromkeys(word for word in search_name.split(" ") if word))


def word_rows(member_id: int, search_name: str, sort_name: str) -> list[tuple]:
    """The member's MemberWord rows, as tuples in WORD_COLUMNS' order."""
    return [(member_id, word, sort_name) for word in name_words(search_name)]


def query_words(text: str) -> list[str]:
    """The words a search asks for, each a prefix of some word of the name: folded, each once, without
    those another word of the query starts with (`ng nguyen` asks what `nguyen` asks)."""
    words = name_words(fold(text))
    return [word for word in words if not any(other != word and other.startswith(word) for other in words)]


def after_prefix(prefix: str) -> str:
    """The first string after every string that starts with `prefix` (in code-point order), so that
    `prefix <= word < after_prefix(prefix)` is `word.startswith(prefix)` as an index range."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
