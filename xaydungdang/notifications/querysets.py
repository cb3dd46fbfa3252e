from django.db import models


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = "view") -> "NotificationQuerySet":
        """A notification belongs to its recipient alone, whatever their role (administrators included)."""
        if user is None or not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
            return self.none()
        return self.filter(user=user)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)
