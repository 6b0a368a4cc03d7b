"""Response headers the security middleware does not set.

Pages for a signed-in person hold their own or candidates' personal data: no browser or
proxy may keep a copy (``Cache-Control: no-store``), so the back button on a shared computer
shows nothing after signing out. So do the pages of a sign-in half done (the code, the
authenticator set-up with its secret, the recovery codes): anyone with a session is treated
so. Every response, static files too, says the service uses no camera, microphone, location
or payment features (``Permissions-Policy``). See docs/security.md.
"""

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


def static_headers(headers, path: str, url: str) -> None:
    """WhiteNoise answers static files before any other middleware runs
    (``WHITENOISE_ADD_HEADERS_FUNCTION``)."""
    headers["Permissions-Policy"] = PERMISSIONS_POLICY


def _holds_a_session(request) -> bool:
    session = getattr(request, "session", None)
    return session is not None and not session.is_empty()


class PrivacyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or _holds_a_session(request):
            response.headers["Cache-Control"] = "no-store"
        return response
