"""Who receives which notifications by e-mail and in the digest: the single place that decides."""

from django.db import transaction

from xaydungdang.notifications import kinds
from xaydungdang.notifications.models import Preference


def _preference(user, kind: str) -> Preference | None:
    cache = getattr(user, "_notification_preferences", None)
    if cache is None:
        cache = {p.kind: p for p in Preference.objects.filter(user=user)} if getattr(user, "pk", None) else {}
        if getattr(user, "pk", None):
            user._notification_preferences = cache
    return cache.get(kinds.family(kind))


def wants_email(user, kind: str) -> bool:
    """Whether `user` gets notifications of `kind` by e-mail as well as in the inbox: an active user with an
    address who has not turned that kind's e-mail off."""
    if not (getattr(user, "is_active", False) and getattr(user, "email", "")):
        return False
    preference = _preference(user, kind)
    return preference is None or preference.email


def wants_digest(user, kind: str) -> bool:
    """Whether unread notifications of `kind` are summarized in the user's daily digest."""
    preference = _preference(user, kind)
    return preference is None or preference.digest


def current(user) -> dict[str, dict[str, bool]]:
    """kind → {"email": bool, "digest": bool} for every kind, defaults filled in."""
    stored = {p.kind: p for p in Preference.objects.filter(user=user)}
    return {
        key: {
            "email": stored[key].email if key in stored else True,
            "digest": stored[key].digest if key in stored else True,
        }
        for key, _label in kinds.choices()
    }


@transaction.atomic
def preferences_save(*, actor, values: dict[str, dict[str, bool]]) -> None:
    """Store the actor's own choices (only known kinds; a user edits only their preferences)."""
    known = {key for key, _label in kinds.choices()}
    for key, choice in values.items():
        if key not in known:
            continue
        Preference.objects.update_or_create(
            user=actor, kind=key, defaults={"email": bool(choice.get("email")), "digest": bool(choice.get("digest"))}
        )
    if hasattr(actor, "_notification_preferences"):
        del actor._notification_preferences
