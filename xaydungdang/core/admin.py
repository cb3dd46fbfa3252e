from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from xaydungdang.core.models import RuleSetting


@admin.register(RuleSetting)
class RuleSettingAdmin(SimpleHistoryAdmin):
    list_display = ("key", "value", "valid_from", "valid_to", "legal_basis")
    search_fields = ("key", "legal_basis")
