from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    """What the base template needs to draw the menu for the current user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from xaydungdang.access.policy import policy_for

    return {"access": policy_for(user)}
