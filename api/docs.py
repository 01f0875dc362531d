"""A readable page about the API, built from the same OpenAPI schema it serves.

The page is the site's own HTML (accessible, under the site's CSP) rather than a
JavaScript API console: addresses, what each returns and the filters it takes.
"""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

from articles.cache import cache_public_page
from articles.structured_data import absolute


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str
    description: str
    values: list[str]
    kind: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    parameters: list[Parameter]


def _parameter(raw: dict) -> Parameter:
    schema = raw.get("schema", {})
    return Parameter(
        name=raw["name"],
        where=raw.get("in", ""),
        description=raw.get("description", ""),
        values=[str(value) for value in schema.get("enum", []) if value != ""],
        kind=schema.get("format") or schema.get("type", ""),
    )


def operations(schema: dict) -> list[Operation]:
    found = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    parameters=[_parameter(p) for p in operation.get("parameters", [])],
                )
            )
    return found


@require_safe
@cache_public_page(tags=["api-docs"])
def api_docs(request):
    schema = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "operations": operations(schema),
            "base_url": absolute(reverse("api:api-root")),
            "canonical_url": absolute(reverse("api:docs")),
        },
    )
