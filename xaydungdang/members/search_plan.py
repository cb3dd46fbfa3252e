"""Which word of a search drives it (members.querysets.MemberQuerySet.search): the rarest, told by one query.

For each word of the text the query reads, from the word index (members.models.MemberWord):
- how many rows begin with it, counted up to CAP (an index range, stopping there);
- on PostgreSQL, the rows the column's statistics give the most common words it begins (`pg_stats`: the
  1,000 most common words, migration 0012), which tells `nguyen` from `hung` when both pass CAP;
- the first two stored words it begins, so that the search knows whether it begins one word only (the walk
  in the list's order) or several.
"""

from django.db import connection

from xaydungdang.members.words import after_prefix

CAP = 2000  # rows counted per word (the LIMIT of _COUNT); past it a word is common, ranked by the statistics
# In the index's order: the table is written in word order (migration 0012), so a sequential scan that stops
# after CAP rows would read every word before the range first (2.7 s for `v` at 5.5 M members).
_COUNT = """(SELECT count(*) FROM (
    SELECT 1 FROM members_memberword WHERE word >= %s AND word < %s ORDER BY word LIMIT 2000
) AS c)"""
_FIRST = "(SELECT word FROM members_memberword WHERE word >= %s AND word < %s ORDER BY word LIMIT 1)"
_SECOND = """(SELECT word FROM members_memberword WHERE word > (
    SELECT word FROM members_memberword WHERE word >= %s AND word < %s ORDER BY word LIMIT 1
) AND word < %s ORDER BY word LIMIT 1)"""
# PostgreSQL: the most common words with their estimated rows, read once per search.
_MOST_COMMON = """WITH common AS MATERIALIZED (
    SELECT t.v COLLATE "C" AS v, t.f * c.reltuples AS n FROM pg_stats s
    JOIN pg_class c ON c.oid = 'members_memberword'::regclass,
    unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS t(v, f)
    WHERE s.schemaname = current_schema() AND s.tablename = 'members_memberword' AND s.attname = 'word'
) """
_COMMON = "(SELECT coalesce(sum(n), 0) FROM common WHERE v >= %s AND v < %s)"


def driving_word(words: list[str]) -> tuple[str, str | None]:
    """(the rarest word, the one stored word it begins or None when it begins several). When it begins no
    stored word, the second is the word itself: a walk that finds nothing, in the same queries."""
    postgres = connection.vendor == "postgresql"
    columns, params = [], []
    for word in words:
        end = after_prefix(word)
        columns += [_COUNT, _FIRST, _SECOND, _COMMON if postgres else "0"]
        params += [word, end, word, end, word, end, end] + ([word, end] if postgres else [])
    with connection.cursor() as cursor:
        cursor.execute(f"{_MOST_COMMON if postgres else ''}SELECT {', '.join(columns)}", params)  # noqa: S608 - fixed SQL, values as parameters
        found = cursor.fetchone()
    plans = []
    for index, word in enumerate(words):
        count, first, second, common = found[4 * index : 4 * index + 4]
        rows = count if count < CAP else max(count, float(common or 0))
        plans.append((rows, second is not None, -len(word), word, first))
    rows, several, _length, word, first = min(plans)
    return word, None if several else (first or word)
