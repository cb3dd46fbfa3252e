"""URLs of the membership lifecycle (events, timeline, documents, due work), mounted under /members/."""

from django.urls import path  # noqa: F401

app_name = "lifecycle"
urlpatterns: list = []
