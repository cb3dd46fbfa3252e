from django.contrib.auth import views as auth_views
from django.urls import path

from xaydungdang.accounts import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("2fa/", views.setup, name="otp_setup"),
    path("2fa/verify/", views.verify, name="otp_verify"),
    path("2fa/recovery-codes/", views.recovery_codes, name="otp_recovery"),
]
