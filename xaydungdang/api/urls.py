from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from xaydungdang.api import auth, candidates, committees, docs, meetings, notifications, reviews, transfers, views
from xaydungdang.fees import api as fees_api
from xaydungdang.selfservice import api as selfservice_api
from xaydungdang.training import api as training

app_name = "api"

router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("members", views.MemberViewSet, basename="member")
router.register("events", views.MembershipEventViewSet, basename="event")
router.register("transfers", transfers.TransferViewSet, basename="transfer")
router.register("candidates", candidates.CandidateViewSet, basename="candidate")
router.register("terms", committees.TermViewSet, basename="term")
router.register("posts", committees.HoldingViewSet, basename="post")
router.register("plan-entries", committees.PlanEntryViewSet, basename="plan-entry")
router.register("appointments", committees.AppointmentViewSet, basename="appointment")
router.register("review-periods", reviews.ReviewPeriodViewSet, basename="review-period")
router.register("reviews", reviews.ReviewResultViewSet, basename="review")
router.register("fee-payments", fees_api.FeePaymentViewSet, basename="fee-payment")
router.register("fee-bases", fees_api.FeeBasisViewSet, basename="fee-basis")
router.register("fee-reliefs", fees_api.FeeReliefViewSet, basename="fee-relief")
router.register("fee-remittances", fees_api.RemittanceViewSet, basename="fee-remittance")
router.register("fees", fees_api.FeeSummaryViewSet, basename="fees")
router.register("notifications", notifications.NotificationViewSet, basename="notification")
router.register("training-classes", training.TrainingClassViewSet, basename="training-class")
router.register("certificates", training.CertificateViewSet, basename="certificate")
router.register("training-plans", training.TrainingPlanViewSet, basename="training-plan")
router.register("meetings", meetings.MeetingViewSet, basename="meeting")
router.register("self-requests", selfservice_api.SelfRequestViewSet, basename="self-request")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/auth/token/", auth.TokenObtainView.as_view(), name="token"),
    path("v1/auth/token/revoke/", auth.TokenRevokeView.as_view(), name="token-revoke"),
    path("v1/auth/token/revoke-all/", auth.TokenRevokeAllView.as_view(), name="token-revoke-all"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
]
