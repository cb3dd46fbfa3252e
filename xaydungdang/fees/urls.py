from django.urls import path

from xaydungdang.fees import views

app_name = "fees"
urlpatterns = [
    path("org/<int:org_pk>/sheet/", views.sheet, name="sheet"),
    path("org/<int:org_pk>/pay/", views.payment_create, name="pay"),
    path("org/<int:org_pk>/report/", views.report, name="report"),
    path("org/<int:org_pk>/remit/", views.remittance_create, name="remit"),
    path("org/<int:pk>/tab/", views.organization_tab, name="organization_tab"),
    path("statements/<int:pk>/", views.statement_detail, name="statement"),
    path("payments/<int:pk>/", views.payment_edit, name="payment_edit"),
    path("members/<int:pk>/tab/", views.member_tab, name="member_tab"),
    path("members/<int:pk>/basis/", views.basis_create, name="basis_create"),
    path("members/<int:pk>/relief/", views.relief_create, name="relief_create"),
]
