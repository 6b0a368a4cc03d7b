"""Response headers the security middleware does not set.

Pages for a signed-in person hold their own or candidates' personal data: no browser or
proxy may keep a copy (``Cache-Control: no-store``), so the back button on a shared computer
shows nothing after signing out. Every response says the service uses no camera,
microphone, location or payment features (``Permissions-Policy``).
"""

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


class PrivacyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response
