from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def unread(request: HttpRequest) -> dict:
    """The menu's unread count: one indexed count, run only when a full page draws the menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from xaydungdang.notifications.selectors import unread_count

    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
