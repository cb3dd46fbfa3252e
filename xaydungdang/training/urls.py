from django.urls import path

from xaydungdang.training import views

app_name = "training"
urlpatterns = [
    path("org/<int:org_pk>/", views.organization_index, name="index"),
    path("org/<int:pk>/tab/", views.organization_tab, name="organization_tab"),
    path("org/<int:org_pk>/classes/add/", views.class_create, name="class_create"),
    path("org/<int:org_pk>/plans/add/", views.plan_create, name="plan_create"),
    path("org/<int:org_pk>/statistics/", views.statistics, name="statistics"),
    path("classes/<int:pk>/", views.class_detail, name="class"),
    path("classes/<int:pk>/sessions/add/", views.session_create, name="session_create"),
    path("classes/<int:pk>/import/", views.class_import, name="import"),
    path("enrollments/<int:pk>/result/", views.result_edit, name="result"),
]
