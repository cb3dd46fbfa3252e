from django.urls import path

from xaydungdang.reviews import views, views_results, views_self

app_name = "reviews"
urlpatterns = [
    path("", views.period_list, name="periods"),
    path("periods/new/", views.period_create, name="period_create"),
    path("periods/<int:pk>/", views.period_detail, name="period"),
    path("periods/<int:pk>/lock/", views.period_lock, name="period_lock"),
    path("periods/<int:pk>/reopen/", views.period_reopen, name="period_reopen"),
    path("periods/<int:period_pk>/org/<int:org_pk>/", views.dossier_page, name="dossier"),
    path("periods/<int:period_pk>/org/<int:org_pk>/open/", views.dossier_open, name="dossier_open"),
    path("rows/<int:pk>/", views.review_row, name="row"),
    path("rows/<int:pk>/override/", views.review_override, name="override"),
    path("dossiers/<int:pk>/submit/", views.dossier_submit, name="submit"),
    path("dossiers/<int:pk>/approve/", views.dossier_approve, name="approve"),
    path("dossiers/<int:pk>/return/", views.dossier_return, name="return"),
    path("periods/<int:pk>/self-review/", views_self.self_review, name="self_review"),
    path("periods/<int:pk>/self-review/<int:member_pk>/", views_self.self_review_detail, name="self_review_detail"),
    path("periods/<int:pk>/org/<int:org_pk>/self-reviews/", views_self.cell_list, name="self_review_list"),
    path("periods/<int:pk>/results/", views_results.results, name="results"),
    path("periods/<int:pk>/results.xlsx", views_results.results_xlsx, name="results_xlsx"),
]
