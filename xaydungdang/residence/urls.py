"""URLs of the residence liaison, mounted under /residence/."""

from django.urls import path

from xaydungdang.residence import views

app_name = "residence"
urlpatterns = [
    path("", views.introduction_list, name="list"),
    path("members/<int:member_pk>/new/", views.introduction_create, name="create"),
    path("members/<int:pk>/tab/", views.member_tab, name="member_tab"),
    path("<int:pk>/", views.introduction_detail, name="introduction"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/exemption/", views.exemption, name="exemption"),
    path("<int:pk>/letter.docx", views.letter, name="letter"),
]
