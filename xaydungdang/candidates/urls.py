from django.urls import path

from xaydungdang.candidates import views

app_name = "candidates"
urlpatterns = [
    path("org/<int:org_pk>/", views.candidate_list, name="list"),
    path("org/<int:org_pk>/add/", views.candidate_create, name="create"),
    path("<int:pk>/", views.candidate_detail, name="detail"),
    path("<int:pk>/steps/<str:step>/", views.step_create, name="step"),
]
