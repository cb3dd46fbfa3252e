"""Reads of the inbox: always the recipient's own notifications."""

from django.db.models import QuerySet

from xaydungdang.notifications.models import Notification


def inbox(user) -> QuerySet:
    return Notification.objects.visible_to(user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    """One indexed count (the menu shows it on every page)."""
    return Notification.objects.visible_to(user).unread().count()
