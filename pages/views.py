"""Public reading pages: help and search. The home page is in pages/home.py, a group's in
pages/group.py, the countries' in pages/countries.py and a round's in pages/rounds.py."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from search import results as searching

from .cache import for_readers
from .guides import guide_links
from .parts import shared


@require_safe
def help_page(request):
    """What each role does in a round: focal points, the secretariat, readers (in both languages,
    through the interface catalogue)."""
    return render(request, "pages/help.html", {"guides": guide_links(get_language())})


@require_safe
@for_readers
def search(request):
    """The records holding every word typed, kind by kind; ?kind= pages through one kind. What
    was found is the same for every reader: kept as a shared part (pages/parts.py)."""
    query, kind, page = request.GET.get("q", ""), request.GET.get("kind"), request.GET.get("page")
    parts, error = {}, None
    if "q" in request.GET:
        try:
            words = searching.words_of(query)
        except searching.QueryError as problem:
            error = str(problem)
        else:
            parts = shared(
                request,
                ("search", query, kind, page),
                {"results": "pages/parts/search_results.html"},
                lambda: {"query": query, "results": searching.search(words, kind=kind, page=page)},
            )
    return render(
        request,
        "pages/search.html",
        {"query": query, "parts": parts, "error": error, "max_length": searching.MAX_QUERY_LENGTH},
        status=400 if error else 200,
    )
