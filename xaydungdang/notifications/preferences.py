"""Who receives which notifications by e-mail: the single place that decides (preferences come in issue 15)."""


def wants_email(user, kind: str) -> bool:
    """Whether `user` gets notifications of `kind` by e-mail as well as in the inbox.

    For now: every active user with an address. Issue 15 adds per-kind preferences and the daily digest here,
    so no caller decides this on its own.
    """
    return bool(getattr(user, "is_active", False) and getattr(user, "email", ""))
