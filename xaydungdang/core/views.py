from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the application can reach its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The landing page after login: the dashboard of the user's own scope; a member's own space."""
    from xaydungdang.access.policy import policy_for

    if policy_for(request.user).is_member_only:
        member = getattr(request.user, "member", None)
        return redirect("selfservice:home") if member else redirect("organizations:tree")
    return redirect("reports:dashboard")
