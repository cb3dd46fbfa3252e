from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from xaydungdang.api import auth, candidates, committees, docs, notifications, reviews, transfers, views

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
router.register("notifications", notifications.NotificationViewSet, basename="notification")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/auth/token/", auth.TokenObtainView.as_view(), name="token"),
    path("v1/auth/token/revoke/", auth.TokenRevokeView.as_view(), name="token-revoke"),
    path("v1/auth/token/revoke-all/", auth.TokenRevokeAllView.as_view(), name="token-revoke-all"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
]
