"""The inbox: the user's notifications, newest first; reading one is a POST (reads never write)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xaydungdang.access.policy import get_visible_or_404
from xaydungdang.core.pagination import page_of
from xaydungdang.core.querystring import query_flag, querystring_without_page
from xaydungdang.notifications import kinds, preferences, selectors, services
from xaydungdang.notifications.models import Notification

PAGE_SIZE = 50


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    rows = selectors.inbox(request.user)
    only_unread = query_flag(request, "unread")
    if only_unread:
        rows = rows.unread()
    page = page_of(request, rows, PAGE_SIZE)
    context = {
        "page_obj": page,
        "only_unread": only_unread,
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "notifications/inbox.html", context)


def _safe(request: HttpRequest, url: str) -> str | None:
    ok = url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False)
    return url if ok else None


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read; with `open`, go on to the page it points at."""
    notification = get_visible_or_404(Notification.objects, request.user, pk=pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    if request.POST.get("open") and (target := _safe(request, notification.url)):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(actor=request.user)
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences_page(request: HttpRequest) -> HttpResponse:
    """The user's own choices: per kind, e-mail at once and the daily digest (the inbox always receives)."""
    if request.method == "POST":
        values = {
            key: {
                "email": request.POST.get(f"{key}-email") == "on",
                "digest": request.POST.get(f"{key}-digest") == "on",
            }
            for key, _label in kinds.choices()
        }
        preferences.preferences_save(actor=request.user, values=values)
        messages.success(request, _("Đã lưu tùy chọn thông báo."))
        return redirect("notifications:preferences")
    current = preferences.current(request.user)
    rows = [(key, label, current[key]) for key, label in kinds.choices()]
    return render(request, "notifications/preferences.html", {"rows": rows, "has_email": bool(request.user.email)})
