"""Quire's JSON API, version 1: django-ninja under /api/v1/, its OpenAPI document at /api/v1/openapi.json and
interactive documentation at /api/v1/docs (Swagger UI from ninja's bundled static files: no CDN)."""

from django.conf import settings
from ninja import NinjaAPI

from quire.api import errors
from quire.api.routers import account, collections, exchanges, listings, prompts, tags, works

api = NinjaAPI(
    title=f"{settings.SITE_NAME} API",
    version="1",
    description=(
        "Read the archive's works, chapters, tags and collections (with their prompt memes), and post your "
        "own work, put it in a collection or claim a prompt with a personal API token "
        "(Account → API tokens; send it as `Authorization: Bearer <token>`). Reads work without a token, "
        "as a guest; with one you also see restricted works and your own drafts. Requests are rate "
        "limited (429 with Retry-After). Errors are JSON: `detail`, and `errors` per field for 422."
    ),
    urls_namespace="api",
    docs_url="/docs",
)
errors.install(api)
api.add_router("", listings.router)
api.add_router("", works.router)
api.add_router("", tags.router)
api.add_router("", collections.router)
api.add_router("", prompts.router)
api.add_router("", exchanges.router)
api.add_router("", account.router)
