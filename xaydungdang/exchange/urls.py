from django.urls import path

from xaydungdang.exchange import fee_statement_views, meeting_views, views

app_name = "exchange"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("fee-bases/", fee_statement_views.fee_basis_upload, name="fee_bases"),
    path("fee-statements/<int:org_pk>/", fee_statement_views.fee_statement_upload, name="fee_statement"),
    path("batches/", views.batch_list, name="batches"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/confirm/", views.batch_confirm, name="confirm"),
    path("templates/<str:kind>.xlsx", views.template_download, name="template"),
    path("members.xlsx", views.members_export, name="members_export"),
    path("members.csv", views.members_export, {"file_format": "csv"}, name="members_export_csv"),
    path("exports/", views.export_list, name="exports"),
    path("meetings/<int:pk>/attendance.xlsx", meeting_views.attendance_template, name="meeting_attendance_template"),
    path("meetings/<int:pk>/attendance/", meeting_views.attendance_upload, name="meeting_attendance"),
    path("exports/new/", views.export_new, name="export_new"),
    path("exports/<int:pk>/", views.export_detail, name="export"),
    path("exports/<int:pk>/file/", views.export_download, name="export_download"),
]
