"""API tokens: obtained with the password, stored hashed (django-rest-knox keeps only a SHA-512 digest), valid
for `API_TOKEN_TTL_DAYS`, revoked one by one or all at once (and by an administrator in the admin).

The token endpoint is throttled like the login page (accounts/lockout.py): a locked pair or address gets 429
with a Vietnamese message, not a generic refusal."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox.models import AuthToken
from knox.settings import knox_settings
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

LOCKED_OUT = _("Đăng nhập tạm bị khóa vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau 15 phút.")


def _locked(request, username: str | None) -> bool:
    return not AxesProxyHandler.is_allowed(request._request, {"username": username})


class TokenObtainView(APIView):
    """POST username and password → {"token", "expiry"}; the token is shown once and never stored in clear."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = AuthTokenSerializer

    @extend_schema(
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField(), "expiry": serializers.DateTimeField()}),
            429: OpenApiResponse(description="Locked after repeated failures"),
        }
    )
    def post(self, request):
        username = request.data.get("username")
        if _locked(request, username):
            return Response({"detail": LOCKED_OUT}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            if _locked(request, username):
                return Response({"detail": LOCKED_OUT}, status=status.HTTP_429_TOO_MANY_REQUESTS)
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        user = serializer.validated_data["user"]
        instance, token = AuthToken.objects.create(user=user, expiry=knox_settings.TOKEN_TTL)
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        return Response({"token": token, "expiry": instance.expiry})


class TokenRevokeView(APIView):
    """POST with a token: that token stops working."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        user_logged_out.send(sender=request.user.__class__, request=request._request, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenRevokeAllView(APIView):
    """POST: every token of the user stops working (a lost laptop)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        AuthToken.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
