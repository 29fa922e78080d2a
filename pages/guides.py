"""Where the guides say more than the help page: each part of the help page links to the page of
the guides (docs/, a MkDocs site served at settings.GUIDES_URL) its reader would turn to next, in
the reader's language."""

from django.conf import settings

# The guides' page for each part of the help page, by language: docs/en/... and docs/es/...,
# as `mkdocs build` publishes them. "#workbook" is a heading's fixed id in both languages.
PAGES = {
    "focal_points": {"en": "en/focal-points/", "es": "es/puntos-focales/"},
    "workbook": {"en": "en/focal-points/#workbook", "es": "es/puntos-focales/#workbook"},
    "secretariat": {"en": "en/secretariat/", "es": "es/secretaria/"},
    "programme": {"en": "en/programme/", "es": "es/programa/"},
    "documents": {"en": "en/documents/", "es": "es/documentos/"},
    "readers": {"en": "en/readers/", "es": "es/lectura/"},
}


def guide_links(lang: str) -> dict[str, str]:
    """The address of each part's guide page in `lang` (the English one where the guides have no
    such language); none at all when GUIDES_URL is not set, as in production by default."""
    if not settings.GUIDES_URL:
        return {}
    base = settings.GUIDES_URL.rstrip("/") + "/"
    return {part: base + (pages.get(lang) or pages["en"]) for part, pages in PAGES.items()}
