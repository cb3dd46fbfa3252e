from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from xaydungdang.api import candidates, docs, notifications, reviews, transfers, views
from xaydungdang.training import api as training

app_name = "api"

router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("members", views.MemberViewSet, basename="member")
router.register("events", views.MembershipEventViewSet, basename="event")
router.register("transfers", transfers.TransferViewSet, basename="transfer")
router.register("candidates", candidates.CandidateViewSet, basename="candidate")
router.register("review-periods", reviews.ReviewPeriodViewSet, basename="review-period")
router.register("reviews", reviews.ReviewResultViewSet, basename="review")
router.register("notifications", notifications.NotificationViewSet, basename="notification")
router.register("training-classes", training.TrainingClassViewSet, basename="training-class")
router.register("certificates", training.CertificateViewSet, basename="certificate")
router.register("training-plans", training.TrainingPlanViewSet, basename="training-plan")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/auth/token/", obtain_auth_token, name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
]
