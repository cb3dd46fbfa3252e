from django.urls import path

from xaydungdang.selfservice import views

app_name = "selfservice"
urlpatterns = [
    path("", views.home, name="home"),
    path("requests/new/<str:kind>/", views.request_new, name="request_new"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/approve/", views.request_approve, name="approve"),
    path("requests/<int:pk>/return/", views.request_return, name="return"),
    path("requests/<int:pk>/done/", views.request_done, name="done"),
    path("requests/<int:pk>/document.docx", views.request_document, name="document"),
    path("requests/<int:pk>/certificate/", views.request_certificate, name="certificate"),
    path("cell/<int:org_pk>/requests/", views.cell_requests, name="cell_requests"),
    path("cell/<int:org_pk>/accounts/", views.cell_accounts, name="accounts"),
    path("cell/<int:pk>/tab/", views.organization_tab, name="organization_tab"),
    path("accounts/<int:pk>/resend/", views.account_resend, name="resend"),
    path("activate/<uidb64>/<token>/", views.activate, name="activate"),
]
