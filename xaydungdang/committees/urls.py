from django.urls import path

from xaydungdang.committees import edit_views, views

app_name = "committees"

urlpatterns = [
    path("orgs/<int:pk>/committee/", views.organization_tab, name="organization_tab"),
    path("orgs/<int:pk>/structure/", views.structure_page, name="structure"),
    path("orgs/<int:pk>/structure.xlsx", views.structure_xlsx, name="structure_xlsx"),
    path("members/<int:pk>/posts/", views.member_tab, name="member_tab"),
    path("appointments/<int:pk>/decision.docx", views.appointment_docx, name="appointment_docx"),
]

urlpatterns += [
    path("orgs/<int:pk>/terms/new/", edit_views.term_create, name="term_create"),
    path("terms/<int:pk>/posts/new/", edit_views.holding_create, name="holding_create"),
    path("posts/<int:pk>/end/", edit_views.holding_end, name="holding_end"),
    path("orgs/<int:pk>/plans/", edit_views.plans, name="plans"),
    path("orgs/<int:pk>/congress-check/", edit_views.congress_check_page, name="congress_check"),
    path("reorganizations/<int:pk>/carry-over/", edit_views.carry_over, name="carry_over"),
]
