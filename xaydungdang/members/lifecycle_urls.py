"""URLs of the membership lifecycle (events, timeline, documents, due work), mounted under /members/."""

from django.urls import path

from xaydungdang.duework import views as duework_views
from xaydungdang.members.lifecycle import views

app_name = "lifecycle"
urlpatterns = [
    path("<int:pk>/timeline/", views.timeline, name="timeline"),
    path("<int:pk>/events/<str:kind>/", views.event_create, name="event_create"),
    path("events/<int:pk>/document/", views.document, name="document"),
    path("org/<int:org_pk>/due/", duework_views.legacy_organization, name="due_work"),  # moved to /due/org/<id>/
    path("org/<int:org_pk>/register/", views.register, name="register"),
    path("org/<int:org_pk>/register.xlsx", views.register_export, name="register_export"),
    path("org/<int:org_pk>/arrival/", views.arrival, name="arrival"),
    path("transfers/<int:pk>/accept/", views.transfer_accept, name="transfer_accept"),
]
