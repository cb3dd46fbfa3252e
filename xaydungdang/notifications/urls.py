"""URLs of the inbox, mounted under /notifications/."""

from django.urls import path

from xaydungdang.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/read/", views.mark_read, name="read"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("preferences/", views.preferences_page, name="preferences"),
]
