from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from xaydungdang.organizations.models import KindRule, Organization


@admin.register(Organization)
class OrganizationAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(Organization)
    list_display = ("name", "code", "kind", "founded_on", "dissolved_on")
    list_filter = ("kind",)
    search_fields = ("name", "code")


@admin.register(KindRule)
class KindRuleAdmin(admin.ModelAdmin):
    list_display = ("parent_kind", "child_kind")
