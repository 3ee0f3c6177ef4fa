"""The OpenAPI schema validates without a warning and lists every route; the docs page shows them all."""

import io
import re

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

from tests.permission_matrix_support import all_routes

DOCUMENTED = {"api:schema", "api:docs"}  # the schema and the page describe the others, not themselves


def api_paths() -> set[str]:
    """Every API route of the URL configuration, as the schema writes paths ("<int:pk>" as "{id}")."""
    converters = re.compile(r"<(?:\w+:)?(\w+)>")
    return {
        "/" + converters.sub(r"{\1}", route.route).replace("{pk}", "{id}")
        for route in all_routes()
        if route.route.startswith("api/") and route.key not in DOCUMENTED
    }


def test_the_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out), stdout=io.StringIO())

    schema = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == api_paths()
    assert all(set(operations) == {"get"} for operations in schema["paths"].values())
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


@pytest.mark.django_db
def test_the_schema_is_served_in_json_and_marks_the_token_endpoints():
    schema = Client().get("/api/v1/schema/").json()

    assert set(schema["paths"]) == api_paths()
    security = {path: operations["get"]["security"] for path, operations in schema["paths"].items()}
    assert security["/api/v1/nominations/"] == [{"token": []}]
    assert security["/api/v1/honour-roll/{year}/"] == [{"token": []}, {}]
    assert schema["paths"]["/api/v1/honour-roll/{year}/"]["get"]["summary"] == "Danh sách tôn vinh của một năm"


@pytest.mark.django_db
def test_the_docs_page_lists_every_endpoint_in_vietnamese_under_the_csp():
    response = Client().get("/api/v1/docs/")
    html = response.content.decode()

    assert response.status_code == 200
    paths = re.findall(r'data-testid="endpoint-path">([^<]+)<', html)
    assert set(paths) == api_paths() and len(paths) == len(api_paths())
    assert "Danh sách tôn vinh của một năm" in html and "cần mã" in html and "công khai" in html
    assert "Hồ sơ đề nghị và trạng thái" in html and "mã định danh của hồ sơ đề nghị" in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert re.findall(r'<script(?![^>]*src="/static/)', html) == []  # no inline script, nothing from elsewhere
    assert re.findall(r'(?:src|href)="https?://', html) == []
    assert " style=" not in html
    assert Client().post("/api/v1/docs/").status_code == 405
