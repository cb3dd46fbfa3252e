"""The idle timeout without a write on every request.

A session ends after `SESSION_COOKIE_AGE` without use. Saving the session on every request
(`SESSION_SAVE_EVERY_REQUEST`) would push the expiry forward but costs an UPDATE per page view; instead the
expiry is pushed forward at most once every `SESSION_REFRESH_SECONDS`, so a session ends between
`SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS` and `SESSION_COOKIE_AGE` after its last use.
"""

import time

from django.conf import settings

TOUCHED = "_touched"


def touch(session) -> None:
    """Mark the session as just used (it is then saved with a new expiry)."""
    session[TOUCHED] = int(time.time())


def mark_touched_on_login(sender, request, user, **kwargs) -> None:
    touch(request.session)


class IdleTimeoutMiddleware:
    """After the session middleware: refresh an authenticated session's expiry when it was last refreshed long ago."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            touched = session.get(TOUCHED, 0)
            if time.time() - touched >= settings.SESSION_REFRESH_SECONDS:
                touch(session)
        return response
