"""What WeasyPrint may read while it renders a document: the project's own static files and
nothing else. Texts typed by users are escaped by the templates, so markup in them never
reaches WeasyPrint as markup; this fetcher is the second wall, for the templates' own URLs
and for anything that slips through: no file://, no http(s)://, no data: URL is ever opened."""

import logging
import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# The base URL of every rendered document. The .invalid domain is reserved and never
# resolves; the fetcher below maps its paths to static files without opening any connection.
STATIC_BASE_URL = "https://static.invalid/"


class FetchRefused(ValueError):
    pass


def static_file_for(url: str) -> Path | None:
    """The static file a rendering URL names, or None when it names anything else."""
    if not url.startswith(STATIC_BASE_URL):
        return None
    name = unquote(urlsplit(url).path).lstrip("/")
    parts = PurePosixPath(name).parts
    if not parts or any(part in ("..", ".") or "\\" in part for part in parts):
        return None
    found = finders.find(name)
    if not found:
        return None
    path = Path(found)
    return path if path.is_file() else None


class StaticFilesFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves static files and refuses every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols=("https",), allow_redirects=False)

    def fetch(self, url, headers=None):
        path = static_file_for(url)
        if path is None:
            logger.warning("Refused to fetch %r while rendering a document.", url[:300])
            raise FetchRefused(f"Only the portal's static files may be fetched: {url[:300]}")
        logger.debug("Serving %s to the renderer.", path.name)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})
