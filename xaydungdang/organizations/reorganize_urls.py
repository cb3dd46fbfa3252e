from django.urls import path

from xaydungdang.organizations import reorganize_views as views

app_name = "reorganize"
urlpatterns = [
    path("<int:pk>/reorganize/", views.history, name="history"),
    path("<int:pk>/reorganize/<slug:action>/", views.perform, name="perform"),
]
