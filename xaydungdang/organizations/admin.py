from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from xaydungdang.organizations.models import KindRule, Organization


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    """Look-up and plain corrections only: the tree's shape changes through the organization pages
    (reorganizations.services), which keep the parent changes, the members and the rollups right."""

    list_display = ("name", "code", "kind", "founded_on", "dissolved_on")
    list_filter = ("kind",)
    search_fields = ("name", "code")
    ordering = ("path",)
    exclude = ("path", "depth", "numchild")
    readonly_fields = ("kind",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(KindRule)
class KindRuleAdmin(admin.ModelAdmin):
    list_display = ("parent_kind", "child_kind")
