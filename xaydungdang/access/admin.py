from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from xaydungdang.access.models import AccessLog, Assignment


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "organization", "scope", "valid_until")
    list_filter = ("role", "scope")
    raw_id_fields = ("organization",)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Searchable by administrators, never written through the admin: no add, change or delete, for
    superusers too (the rows are evidence; only a shell on the server reaches them)."""

    list_display = ("at", "user", "kind", "channel", "what", "count", "ip_address")
    list_filter = (("user", admin.RelatedOnlyFieldListFilter), "kind", "channel", ("at", admin.DateFieldListFilter))
    search_fields = ("what", "ip_address", "user__username")
    date_hierarchy = "at"
    list_select_related = ("user",)
    readonly_fields = [f.name for f in AccessLog._meta.fields]
    actions = None

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
