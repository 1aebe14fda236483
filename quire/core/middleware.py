from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send one strict policy on every response: no inline script or style anywhere in Quire."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
