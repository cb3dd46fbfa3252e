from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from xaydungdang.api import candidates, docs, notifications, reviews, transfers, views
from xaydungdang.fees import api as fees_api

app_name = "api"

router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("members", views.MemberViewSet, basename="member")
router.register("events", views.MembershipEventViewSet, basename="event")
router.register("transfers", transfers.TransferViewSet, basename="transfer")
router.register("candidates", candidates.CandidateViewSet, basename="candidate")
router.register("review-periods", reviews.ReviewPeriodViewSet, basename="review-period")
router.register("reviews", reviews.ReviewResultViewSet, basename="review")
router.register("fee-payments", fees_api.FeePaymentViewSet, basename="fee-payment")
router.register("fee-bases", fees_api.FeeBasisViewSet, basename="fee-basis")
router.register("fee-reliefs", fees_api.FeeReliefViewSet, basename="fee-relief")
router.register("fee-remittances", fees_api.RemittanceViewSet, basename="fee-remittance")
router.register("fees", fees_api.FeeSummaryViewSet, basename="fees")
router.register("notifications", notifications.NotificationViewSet, basename="notification")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/auth/token/", obtain_auth_token, name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
]
