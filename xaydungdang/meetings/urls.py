from django.urls import path

from xaydungdang.meetings import views, views_records, views_stats

app_name = "meetings"
urlpatterns = [
    path("mine/", views.my_meetings, name="mine"),
    path("org/<int:org_pk>/", views.organization_calendar, name="calendar"),
    path("org/<int:pk>/tab/", views.organization_tab, name="organization_tab"),
    path("org/<int:org_pk>/plan/", views.meeting_plan, name="plan"),
    path("org/<int:org_pk>/stats/", views_stats.statistics, name="stats"),
    path("org/<int:org_pk>/stats.xlsx", views_stats.statistics_xlsx, name="stats_xlsx"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/reschedule/", views.meeting_reschedule, name="reschedule"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/invite/", views.meeting_invite, name="invite"),
    path("<int:pk>/guests/add/", views.guest_add, name="guest_add"),
    path("<int:pk>/attendance/", views_records.attendance, name="attendance"),
    path("<int:pk>/minutes/", views_records.minutes_edit, name="minutes"),
    path("<int:pk>/minutes.docx", views_records.minutes_document, name="minutes_docx"),
    path("<int:pk>/tasks/add/", views_records.task_add, name="task_add"),
    path("tasks/<int:pk>/done/", views_records.task_done, name="task_done"),
    path("<int:pk>/attachments/add/", views_records.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", views_records.attachment_download, name="attachment"),
    path("<int:pk>/assessment/", views_records.assessment_edit, name="assessment"),
]
