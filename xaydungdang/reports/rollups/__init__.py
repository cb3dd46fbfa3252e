"""Exact per-organization rollups of member counts, effective-dated so that any past date reads fast."""

from xaydungdang.reports.rollups.store import ROLLUP_KINDS, rollup_member_changed, rollup_subtree_moved

__all__ = ["ROLLUP_KINDS", "rollup_member_changed", "rollup_subtree_moved"]
