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
    list_display = ("at", "user", "kind", "what", "ip_address")
    list_filter = ("kind",)
    readonly_fields = [f.name for f in AccessLog._meta.fields]
