from django.contrib import admin

from xaydungdang.reorganizations.models import Reorganization


class _ReadOnly(admin.ModelAdmin):
    """The tree's history is written by reorganizations.services only; the admin reads it."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Reorganization)
class ReorganizationAdmin(_ReadOnly):
    list_display = ("kind", "organization", "effective_date", "decision_number")
    list_filter = ("kind",)
    search_fields = ("organization__name", "decision_number")
    date_hierarchy = "effective_date"
