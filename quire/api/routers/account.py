from ninja import Router

from quire.api.auth import TokenAuth
from quire.api.errors import responses
from quire.api.schemas import MeOut
from quire.api.throttles import ReadThrottle

router = Router(tags=["account"], auth=TokenAuth(), throttle=[ReadThrottle()])


@router.get("/me", response=responses({200: MeOut}, finds=False))
def me(request):
    """Whose token this is: a cheap way to check a token works."""
    return {
        "username": request.auth.username,
        "url": request.build_absolute_uri(request.auth.get_absolute_url()),
        "token_name": request.api_token.name,
    }
