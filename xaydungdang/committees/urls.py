from django.urls import path

from xaydungdang.committees import views

app_name = "committees"

urlpatterns = [
    path("orgs/<int:pk>/committee/", views.organization_tab, name="organization_tab"),
    path("orgs/<int:pk>/structure/", views.structure_page, name="structure"),
    path("orgs/<int:pk>/structure.xlsx", views.structure_xlsx, name="structure_xlsx"),
    path("members/<int:pk>/posts/", views.member_tab, name="member_tab"),
    path("appointments/<int:pk>/decision.docx", views.appointment_docx, name="appointment_docx"),
]
