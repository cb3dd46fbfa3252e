"""The OpenAPI schema in the reader's language: Vietnamese, or English with `?lang=en` (drf-spectacular's
SpectacularAPIView generates it inside `translation.override(lang)`, so every lazy string below, the
serializers' labels and `extend_schema_serializer(description=…)` come out in that language).

The views' and serializers' docstrings are for developers, in English; the schema shows instead the Vietnamese
source strings marked for translation: each operation's summary and description (descriptions.py), the
schema's title, the token scheme, the page number, and the error responses every operation may give (added
here, with the shape of their JSON body)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import ResolvedComponent, build_bearer_security_scheme_object
from rest_framework.permissions import AllowAny

from xaydungdang.api.descriptions import described

TITLE = _("API của hệ thống quản lý công tác xây dựng Đảng")
DESCRIPTION = _("API REST phiên bản 1: tổ chức đảng, đảng viên, sự kiện đảng tịch và công việc.")

ERROR = "Error"
CONFLICT = "EditConflictError"
ERROR_SCHEMA = {
    "type": "object",
    "description": _(
        "Nội dung JSON của một lỗi: `detail` nêu lỗi chung; lỗi kiểm tra dữ liệu nêu từng trường, dạng "
        '{"trường": ["thông báo"]} (lỗi không thuộc trường nào ở `non_field_errors`).'
    ),
    "properties": {"detail": {"type": "string", "description": _("Thông báo lỗi chung")}},
    "additionalProperties": {
        "type": "array",
        "items": {"type": "string"},
        "description": _("Các thông báo lỗi của trường mang tên đó"),
    },
}
CONFLICT_SCHEMA = {
    "type": "object",
    "description": _(
        "Bản ghi đã bị sửa sau phiên bản người dùng gửi (`version` hoặc If-Match): `version` là phiên bản đang "
        "lưu, `conflicts` nêu từng trường đã đổi."
    ),
    "properties": {
        "detail": {"type": "string", "description": _("Thông báo lỗi chung")},
        "version": {"type": "string", "description": _("Phiên bản đang lưu của bản ghi")},
        "conflicts": {
            "type": "array",
            "items": {"type": "object", "additionalProperties": {}},
            "description": _("Các trường đã bị sửa: tên trường, giá trị đang lưu và giá trị người dùng gửi"),
        },
    },
    "required": ["detail", "version", "conflicts"],
}
INVALID = _(
    "Yêu cầu không hợp lệ: dữ liệu gửi lên hoặc tham số sai, thiếu, hay bị dịch vụ từ chối; nội dung nêu từng "
    "trường và quy tắc."
)
FORBIDDEN = _("Chưa đăng nhập, mã truy cập sai hoặc hết hạn, hoặc người dùng không có quyền dùng chức năng này.")
NOT_FOUND = _(
    "Không tìm thấy: bản ghi không có, hoặc nằm ngoài phạm vi người dùng được xem, được sửa (hệ thống không cho "
    "biết bản ghi ngoài phạm vi có tồn tại hay không)."
)
EDITED_SINCE = _("Xung đột: bản ghi đã được người khác sửa sau phiên bản người dùng gửi.")
RECORD_ID = _("Mã số (id) của bản ghi")
NO_CONTENT = _("Thành công, không có nội dung trả về.")
SUCCESS = {"200": _("Thành công."), "201": _("Đã tạo.")}
WRITES = ("POST", "PUT", "PATCH", "DELETE")


class KnoxTokenScheme(OpenApiAuthenticationExtension):
    """The token scheme's description in the reader's language (drf-spectacular's contrib one is English)."""

    target_class = "knox.auth.TokenAuthentication"
    name = "knoxApiToken"
    priority = 1  # over drf_spectacular.contrib.knox_auth_token

    def get_security_definition(self, auto_schema):
        scheme = build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header("")
        )
        scheme["description"] = _(
            "Mã truy cập lấy từ POST /api/v1/auth/token/, gửi trong tiêu đề `Authorization: Token <mã>`."
        )
        return scheme


class AutoSchema(openapi.AutoSchema):
    """Summary and description from descriptions.py (unless the view gives its own with extend_schema); the
    error responses of the operation, each with its JSON body."""

    def get_summary(self):
        own = described(self.get_operation_id())
        return own[0] if own else super().get_summary()

    def get_description(self):
        own = described(self.get_operation_id())
        return own[1] if own else super().get_description()

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        self._describe_parameters(operation)
        responses = operation.setdefault("responses", {})
        if "204" in responses and "content" not in responses["204"]:  # not drf-spectacular's English one
            responses["204"]["description"] = NO_CONTENT
        for code, description in SUCCESS.items():
            if code in responses and not responses[code].get("description"):
                responses[code]["description"] = description
        for code, description in self._errors(operation, method):
            responses.setdefault(code, {"description": description})
        for code, response in responses.items():
            if code >= "400" and "content" not in response:  # also an error a view lists without its body
                component = CONFLICT if code == "409" else ERROR
                registry.register_on_missing(self._component(component))
                response["content"] = {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}}
        return operation

    def _describe_parameters(self, operation) -> None:
        """A path's id, and a filter drf-spectacular leaves bare (one typed with extend_schema_field): its label."""
        filterset = getattr(self.view, "filterset_class", None)
        filters = filterset.base_filters if filterset else {}
        for parameter in operation.get("parameters", []):
            if parameter.get("description"):
                continue
            if parameter["in"] == "path":
                parameter["description"] = RECORD_ID
            elif parameter["name"] in filters and filters[parameter["name"]].label:
                parameter["description"] = filters[parameter["name"]].label

    def _errors(self, operation, method: str):
        query = any(parameter["in"] == "query" for parameter in operation.get("parameters", []))
        detail = any(parameter["in"] == "path" for parameter in operation.get("parameters", []))
        if method in WRITES or query:
            yield "400", INVALID
        if not all(isinstance(permission, AllowAny) for permission in self.view.get_permissions()):
            yield "403", FORBIDDEN
        if detail or method in WRITES:
            yield "404", NOT_FOUND
        if method in ("PUT", "PATCH") and "version" in getattr(self.get_request_serializer(), "fields", {}):
            yield "409", EDITED_SINCE

    @staticmethod
    def _component(name: str) -> ResolvedComponent:
        schema = CONFLICT_SCHEMA if name == CONFLICT else ERROR_SCHEMA
        return ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema)


def translate_info(result, generator, request, public):
    """Postprocessing hook: the schema's title and description in the reader's language (the settings' TITLE
    stays the ASCII name of the downloaded file)."""
    result["info"]["title"] = TITLE
    result["info"]["description"] = DESCRIPTION
    return result
