from django.urls import path

from xaydungdang.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tables/", views.tables, name="tables"),
    path("forms/", views.official_forms, name="forms"),
    path("compare/", views.comparison, name="compare"),
    path("narrative/", views.narrative_report, name="narrative"),
    path("plans/", views.plans, name="plans"),
]
