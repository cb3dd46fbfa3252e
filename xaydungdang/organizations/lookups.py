"""Subtree filters (`path__startswith`) that SQLite can answer from the path's index.

Every subtree question is `path LIKE 'prefix%'`. PostgreSQL answers it from the `varchar_pattern_ops` index
(migration 0002). SQLite's LIKE is case-insensitive, so it never uses the index and scans the table: at
200,000 members a cell's page took a second. On SQLite the same filter is written as the range
`prefix <= path < prefix || U+10FFFF`, which the path's unique index serves (BINARY collation compares UTF-8
bytes, and no path character sorts after U+10FFFF); it selects the same rows.
"""

from django.db.models.lookups import StartsWith

AFTER_EVERY_CHARACTER = chr(0x10FFFF)


class PathStartsWith(StartsWith):
    def as_sqlite(self, compiler, connection):
        if not (self.rhs_is_direct_value() and isinstance(self.rhs, str)) or self.bilateral_transforms:
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        params = (*lhs_params, self.rhs, *lhs_params, self.rhs + AFTER_EVERY_CHARACTER)
        return f"({lhs} >= %s AND {lhs} < %s)", params
