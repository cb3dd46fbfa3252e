"""Idle timeout: a session ends `SESSION_COOKIE_AGE` (8 hours) after the user's last request.

Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) would cost a write per page; instead the
expiry is pushed forward at most once every `REFRESH_SECONDS`, so the timeout is exact to five minutes.
"""

import time

from django.contrib.auth.signals import user_logged_in

REFRESH_SECONDS = 300
SEEN_KEY = "_seen"


class IdleTimeoutMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key and SEEN_KEY in session:
            now = int(time.time())
            if now - session[SEEN_KEY] >= REFRESH_SECONDS:
                session[SEEN_KEY] = now  # modified: saved with a new expiry at the end of the request
        return self.get_response(request)


def mark_seen_at_login(sender, request, user, **kwargs) -> None:
    if hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())


user_logged_in.connect(mark_seen_at_login, dispatch_uid="core.sessions.mark_seen_at_login")
