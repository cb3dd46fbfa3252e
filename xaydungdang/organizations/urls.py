from django.urls import path

from xaydungdang.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/add/", views.create_child, name="create"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
