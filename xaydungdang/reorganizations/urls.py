from django.urls import path

from xaydungdang.reorganizations import views

app_name = "reorganize"
urlpatterns = [
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/reorganize/", views.history, name="history"),
    path("<int:pk>/reorganize/<slug:action>/", views.perform, name="perform"),
]
