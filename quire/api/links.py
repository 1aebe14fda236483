"""OpenAPI links (https://spec.openapis.org/oas/v3.1.0#link-object) for the operations' documented answers."""

# django-ninja names an operation after its view: module path and function, dots as underscores.
ROUTERS = "quire_api_routers"


def to(operation: str, parameters: dict, *, body: dict | None = None) -> dict:
    """A link to an operation, named "router.view" (e.g. "works.chapter_detail"), its parameters taken from
    the answer or the request."""
    router, view = operation.split(".")
    link = {"operationId": f"{ROUTERS}_{router}_{view}", "parameters": parameters}
    if body is not None:
        # Fields to set in the body the client sends (schemathesis merges them into the body it makes).
        link["requestBody"] = body
    return link


def on(status: int, **named_links) -> dict:
    """The `openapi_extra` of an operation whose `status` answer links to others."""
    return {"responses": {status: {"links": named_links}}}
