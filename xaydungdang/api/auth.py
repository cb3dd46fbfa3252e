"""API tokens: obtained with the password, stored hashed (django-rest-knox keeps only a SHA-512 digest), valid
for `API_TOKEN_TTL_DAYS`, revoked one by one or all at once (and by an administrator in the admin).

The token endpoint is throttled like the login page (accounts/lockout.py): a locked pair or address gets 429
with a Vietnamese message, not a generic refusal. A user who logs in with two factors (required for officers
in production, access/second_factor.py) sends the code too, in `otp`: without it, or with a wrong one, 401."""

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

from xaydungdang.access.second_factor import second_factor_required
from xaydungdang.accounts import second_factor

LOCKED_OUT = _("Đăng nhập tạm bị khóa vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau 15 phút.")

AUTH_TAG = _("Xác thực")


def _locked(request, username: str | None) -> bool:
    return not AxesProxyHandler.is_allowed(request._request, {"username": username})


class TokenRequestSerializer(AuthTokenSerializer):
    otp = serializers.CharField(
        required=False, write_only=True, max_length=32, help_text=_("Mã xác thực hai lớp (mã TOTP hoặc mã khôi phục)")
    )


def _second_factor_refusal(user, code) -> dict | None:
    """None when the user needs no second factor or sent a valid one; else the JSON error body."""
    if second_factor.has_authenticator(user):
        if not isinstance(code, str | int) or not str(code).strip():
            return {"otp": [str(second_factor.CODE_NEEDED)]}
        if second_factor.check_code(user, str(code)) is None:
            return {"otp": [str(second_factor.CODE_WRONG)]}
        return None
    if second_factor_required(user):
        return {"detail": str(second_factor.SETUP_NEEDED)}
    return None


class TokenObtainView(APIView):
    """POST username, password (and `otp`, the two-factor code, when the user has two-factor login) →
    {"token", "expiry"}; the token is shown once and never stored in clear."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = TokenRequestSerializer

    @extend_schema(
        tags=[AUTH_TAG],
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField(), "expiry": serializers.DateTimeField()}),
            401: OpenApiResponse(
                description=_("Thiếu hoặc sai mã xác thực hai lớp, hoặc chưa thiết lập xác thực hai lớp")
            ),
            429: OpenApiResponse(description=_("Tạm khóa vì đăng nhập sai nhiều lần")),
        },
    )
    def post(self, request):
        username = request.data.get("username")
        if _locked(request, username):
            return Response({"detail": LOCKED_OUT}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            if _locked(request, username):
                return Response({"detail": LOCKED_OUT}, status=status.HTTP_429_TOO_MANY_REQUESTS)
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        user = serializer.validated_data["user"]
        refusal = _second_factor_refusal(user, serializer.validated_data.get("otp"))
        if refusal is not None:
            return Response(refusal, status=status.HTTP_401_UNAUTHORIZED)
        instance, token = AuthToken.objects.create(user=user, expiry=knox_settings.TOKEN_TTL)
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        return Response({"token": token, "expiry": instance.expiry})


class TokenRevokeView(APIView):
    """POST with a token: that token stops working."""

    permission_classes = [IsAuthenticated]

    @extend_schema(tags=[AUTH_TAG], request=None, responses={204: None})
    def post(self, request):
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        user_logged_out.send(sender=request.user.__class__, request=request._request, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenRevokeAllView(APIView):
    """POST: every token of the user stops working (a lost laptop)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(tags=[AUTH_TAG], request=None, responses={204: None})
    def post(self, request):
        AuthToken.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
