"""The membership lifecycle: one service per event kind, the rules they check, and the reads built on them.

`members.state.apply()` stays the one place saying how an event changes a member's state; this package
decides which events may be recorded, and when.
"""
