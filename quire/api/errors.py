"""Every API error is JSON: {"detail": "..."} or, for bad fields, {"detail": "...", "errors": [...]}."""

import math

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from quire.api.schemas import ErrorOut, ValidationErrorOut

SCHEMA_ARGUMENTS = ("payload", "filters")
INVALID = "Some fields need changes; see “errors”."


class FieldErrors(Exception):
    """The web form's own messages, for a 422."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(INVALID)
        self.errors = errors

    @classmethod
    def from_forms(cls, *forms_and_prefixes, rename: dict[str, str] | None = None) -> "FieldErrors":
        """`rename`: a form field the API names otherwise (the form's "recipients" is the API's "gift_to")."""
        rename = rename or {}
        errors = []
        for form, prefix in forms_and_prefixes:
            for name, messages in form.errors.items():
                name = rename.get(name, name)
                field = name if name == "__all__" or not prefix else f"{prefix}.{name}"
                errors.extend((field, message) for message in messages)
        return cls(errors)

    @classmethod
    def from_django(cls, error: DjangoValidationError, rename: dict[str, str] | None = None) -> "FieldErrors":
        if hasattr(error, "error_dict"):
            rename = rename or {}
            return cls(
                [
                    (rename.get(name, name), message)
                    for name, found in error.error_dict.items()
                    for e in found
                    for message in e.messages
                ]
            )
        return cls([("__all__", message) for message in error.messages])


def not_found(what: str) -> HttpError:
    return HttpError(404, f"There is no {what} with that name or number, or you may not see it.")


def _field_name(loc) -> str:
    parts = list(loc)
    # Pydantic's location starts with the source ("body", "query", "path"), then names the view's schema
    # argument when there is one; clients know neither, only their field names.
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    if parts and parts[0] in SCHEMA_ARGUMENTS:
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or "__all__"


def install(api) -> None:
    def validation(request, exc: NinjaValidationError):
        errors = [
            {"field": _field_name(e.get("loc", ())), "message": e.get("msg", "Invalid.")} for e in exc.errors
        ]
        return api.create_response(request, {"detail": INVALID, "errors": errors}, status=422)

    def field_errors(request, exc: FieldErrors):
        errors = [{"field": field, "message": message} for field, message in exc.errors]
        return api.create_response(request, {"detail": INVALID, "errors": errors}, status=422)

    def missing(request, exc: Http404):
        return api.create_response(request, {"detail": "Not found, or you may not see it."}, status=404)

    def refused(request, exc: PermissionDenied):
        # The write rules' own sentence (quire.access.writing), e.g. the suspension notice with its end date.
        detail = str(exc) or "You may not do that."
        return api.create_response(request, {"detail": detail}, status=403)

    def throttled(request, exc: Throttled):
        wait = f" Try again in {math.ceil(exc.wait)} seconds." if exc.wait else ""
        return api.create_response(
            request, {"detail": f"Too many requests: you reached the API's rate limit.{wait}"}, status=429
        )

    api.add_exception_handler(NinjaValidationError, validation)
    api.add_exception_handler(FieldErrors, field_errors)
    api.add_exception_handler(Http404, missing)
    api.add_exception_handler(PermissionDenied, refused)
    api.add_exception_handler(Throttled, throttled)


def responses(ok: dict, *, writes: bool = False, finds: bool = True) -> dict:
    """The documented answers of an operation: its own, plus the errors it can give (every operation takes
    a token, so every one can answer 401 for a bad one)."""
    documented = {**ok, 401: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut}
    if finds:
        documented[404] = ErrorOut
    if writes:
        documented[400] = ErrorOut
        documented[403] = ErrorOut  # a suspended or banned account, refused by quire.access.writing
    return documented
