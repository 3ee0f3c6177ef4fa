"""The documentation page's rows, read from the OpenAPI schema: one per path and method."""

import re
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

PREFIX = "/api/v1"
_CODE = re.compile(r"`([^`]+)`")


def described(text: object) -> SafeString:
    """A schema description as HTML: escaped, with `code` spans (field names, values) as <code>."""
    parts = _CODE.split(str(text or ""))  # the odd ones were between backticks
    return format_html_join(
        "", "{}", ((format_html("<code>{}</code>", p) if i % 2 else p,) for i, p in enumerate(parts))
    )


@dataclass
class Field:
    name: str
    type: str
    description: str


@dataclass
class Endpoint:
    method: str
    path: str
    tag: str
    summary: str
    description: str
    needs_token: bool
    parameters: list[Field] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    paginated: bool = False


def _component(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else node


def _type(schema: dict, node: dict) -> str:
    node = _component(schema, node) if "$ref" in node else node
    if "allOf" in node:
        return _type(schema, node["allOf"][0])
    if node.get("type") == "array":
        return _("list of %(type)s") % {"type": _type(schema, node.get("items", {}))}
    if "enum" in node:
        return " | ".join(str(value) for value in node["enum"] if value is not None)
    kind = node.get("type", _("object"))
    return f"{kind} ({node['format']})" if node.get("format") else str(kind)


def _fields(schema: dict, node: dict, prefix: str = "") -> list[Field]:
    node = _component(schema, node)
    rows = []
    for name, prop in node.get("properties", {}).items():
        resolved = _component(schema, prop.get("allOf", [prop])[0])
        rows.append(Field(prefix + name, _type(schema, prop), described(prop.get("description") or prop.get("title"))))
        if resolved.get("type") == "object" and resolved.get("properties"):
            rows += _fields(schema, resolved, f"{prefix}{name}.")
        items = resolved.get("items") if resolved.get("type") == "array" else None
        if items and _component(schema, items).get("properties"):
            rows += _fields(schema, items, f"{prefix}{name}[].")
    return rows


def _response(schema: dict, operation: dict) -> tuple[list[Field], bool]:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    body = next(iter(content.values()), {}).get("schema", {})
    resolved = _component(schema, body)
    properties = resolved.get("properties", {})
    if {"next", "previous", "results"} <= properties.keys():
        return _fields(schema, properties["results"]["items"]), True
    return _fields(schema, resolved), False


def endpoints(schema: dict) -> list[Endpoint]:
    rows = []
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            fields, paginated = _response(schema, operation)
            security = operation.get("security", [])
            rows.append(
                Endpoint(
                    method=method.upper(),
                    path=PREFIX + path if not path.startswith(PREFIX) else path,
                    tag=str((operation.get("tags") or [""])[0]),
                    summary=str(operation.get("summary", "")),
                    description=described(operation.get("description")),
                    needs_token=bool(security) and {} not in security,
                    parameters=[
                        Field(p["name"], _type(schema, p.get("schema", {})), described(p.get("description")))
                        for p in operation.get("parameters", [])
                    ],
                    fields=fields,
                    paginated=paginated,
                )
            )
    return rows
