"""Headers that tell the browser what the portal's pages may do. Content-Security-Policy: scripts,
styles, images and fonts from the portal itself only (no page has an inline script, so text a
user wrote can never run as one even if it escaped its escaping); inline style attributes are
allowed, since the admin, django-import-export and the progress bars (a width in %) use them and
a style cannot run code. No page may be framed, no form sent elsewhere. Permissions-Policy: no
page uses the camera, microphone, location or the like, so none may. A response that set its
own policy keeps it (an evidence file's sandbox); a PDF gets none (the browser's viewer shows it)."""

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("application/pdf"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
