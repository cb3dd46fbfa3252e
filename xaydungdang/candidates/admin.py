from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from xaydungdang.candidates.models import Candidate, CandidateStep, Sponsor


class StepInline(admin.TabularInline):
    model = CandidateStep
    extra = 0
    readonly_fields = ("recorded_by", "recorded_at")


class SponsorInline(admin.TabularInline):
    model = Sponsor
    extra = 0
    raw_id_fields = ("member",)


@admin.register(Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "organization", "step", "status")
    list_filter = ("status", "step")
    raw_id_fields = ("organization", "member")
    inlines = [StepInline, SponsorInline]
