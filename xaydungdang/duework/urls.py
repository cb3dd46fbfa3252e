"""URLs of Việc cần làm, mounted under /due/."""

from django.urls import path

from xaydungdang.duework import views

app_name = "duework"
urlpatterns = [
    path("", views.home, name="home"),
    path("org/<int:pk>/", views.organization_due, name="organization"),
]
