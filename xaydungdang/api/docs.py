"""A self-contained documentation page of the API, drawn from the OpenAPI schema (no CDN, no vendored
Swagger UI): each operation with its method, path, summary, parameters, request body fields and responses,
all in the page's language as the schema gives them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def _resolve(schema: dict, ref_or_schema: dict) -> dict:
    ref = ref_or_schema.get("$ref")
    if not ref:
        return ref_or_schema
    return schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})


def _request_schema(schema: dict, operation: dict) -> dict:
    content = operation.get("requestBody", {}).get("content", {})
    body = next(iter(content.values()), {}).get("schema") if content else None
    return _resolve(schema, body) if body else {}


def _fields(schema: dict, body: dict) -> list[dict]:
    required = set(body.get("required", []))
    fields = []
    for name, spec in body.get("properties", {}).items():
        if spec.get("readOnly"):
            continue
        spec = _resolve(schema, spec) if "$ref" in spec else spec
        if "enum" in spec:  # its values are the type; the enum's description lists them again
            spec = {key: value for key, value in spec.items() if key != "description"}
        fields.append({"name": name, "type": _type(schema, spec), "required": name in required, "spec": spec})
    return fields


def _body_fields(schema: dict, operation: dict) -> list[dict]:
    return _fields(schema, _request_schema(schema, operation))


def _variants(schema: dict, operation: dict) -> list[dict]:
    """A polymorphic body (`oneOf` with a discriminator): one table of fields per value of the discriminator."""
    body = _request_schema(schema, operation)
    mapping = body.get("discriminator", {}).get("mapping", {})
    variants = []
    for value, ref in mapping.items():
        variant = _resolve(schema, {"$ref": ref})
        variants.append(
            {"value": value, "description": variant.get("description", ""), "fields": _fields(schema, variant)}
        )
    return variants


def _type(schema: dict, spec: dict) -> str:
    if "oneOf" in spec:
        return " | ".join(_type(schema, option) for option in spec["oneOf"])
    if "allOf" in spec:
        spec = _resolve(schema, spec["allOf"][0])
    if "enum" in spec:
        return " | ".join(str(v) for v in spec["enum"] if v not in ("", None))
    kind = spec.get("type", "")
    return f"{kind} ({spec['format']})" if spec.get("format") else kind


def operations(schema: dict) -> list[dict]:
    result = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            parameters = [{**p, "type": _type(schema, p.get("schema", {}))} for p in operation.get("parameters", [])]
            result.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation.get("operationId", ""),
                    "tag": (operation.get("tags") or ["API"])[0],
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "body": _body_fields(schema, operation),
                    "variants": _variants(schema, operation),
                    "responses": [
                        {"code": code, "description": response.get("description", "")}
                        for code, response in sorted(operation.get("responses", {}).items())
                    ],
                }
            )
    return result


@login_required
def api_docs(request: HttpRequest) -> HttpResponse:
    # In the page's language, like the schema file itself (xaydungdang/api/schema.py).
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = operations(schema)
    first = {}
    for operation in found:
        first.setdefault(operation["tag"], len(first))
    # One section per group ({% regroup %} needs them together), in the order they first appear.
    context = {"schema": schema, "operations": sorted(found, key=lambda operation: first[operation["tag"]])}
    return render(request, "api/docs.html", context)
