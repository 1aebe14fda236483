"""Bearer-token authentication: personal API tokens from the account settings page."""

from django.contrib.auth.models import AnonymousUser
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from quire.api.services import find_active_token

NO_TOKEN = (
    "This needs a personal API token: send the header “Authorization: Bearer <token>”. "
    "Create one on your account's API tokens page."
)
BAD_TOKEN = (
    "This API token is not valid: it was revoked, or it never existed. "
    "Create a new one on your account's API tokens page."
)
BAD_HEADER = "The Authorization header must be “Bearer <token>”."


class TokenAuth(HttpBearer):
    """Writes need a token; a missing, malformed, unknown or revoked one is a 401 with a reason."""

    def __call__(self, request):
        header = request.headers.get(self.header, "")
        if not header:
            return self.without_token(request)
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError(message=BAD_HEADER)
        return self.authenticate(request, secret.strip())

    def without_token(self, request):
        raise AuthenticationError(message=NO_TOKEN)

    def authenticate(self, request, token):
        found = find_active_token(token)
        if found is None:
            raise AuthenticationError(message=BAD_TOKEN)
        request.api_token = found
        return found.user


class OptionalTokenAuth(TokenAuth):
    """Reads work without a token (as a guest); a token lets its owner see restricted works and drafts."""

    def without_token(self, request):
        return AnonymousUser()


# The OpenAPI document of a read: a token is optional (an empty requirement means "none").
OPTIONAL_SECURITY = {"security": [{"TokenAuth": []}, {}]}
