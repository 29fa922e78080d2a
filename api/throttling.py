"""Anonymous clients are throttled per address (REMOTE_ADDR, which core.proxies sets to the
client's own behind trusted proxies), counted in the default cache: Redis in production, so
every app server counts the same client together."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    def get_rate(self):
        # Read at each request, not once at import: settings (and tests) may change it.
        return settings.API_ANONYMOUS_RATE
