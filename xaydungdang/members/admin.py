from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "birth_date", "status", "organization")
    list_filter = ("status", "gender")
    search_fields = ("search_name", "record_number")
    raw_id_fields = ("organization", "user")
    readonly_fields = ("status", "organization", "is_exempted")


@admin.register(MembershipEvent)
class MembershipEventAdmin(SimpleHistoryAdmin):
    list_display = ("member", "kind", "effective_date", "decision_number")
    list_filter = ("kind",)
    raw_id_fields = ("member", "from_organization", "to_organization")


@admin.register(MembershipPeriod)
class MembershipPeriodAdmin(admin.ModelAdmin):
    list_display = ("member", "organization", "status", "valid_from", "valid_to")
    raw_id_fields = ("member", "organization")
