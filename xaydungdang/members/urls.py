from django.urls import path

from xaydungdang.members import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("add/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
