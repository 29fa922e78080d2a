"""Public reading pages: help and search. The home page is in pages/home.py, a group's in
pages/group.py, the countries' in pages/countries.py and a round's in pages/rounds.py."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from search import results as searching

from .cache import for_readers
from .guides import guide_links


@require_safe
def help_page(request):
    """What each role does in a round: focal points, the secretariat, readers (in both languages,
    through the interface catalogue)."""
    return render(request, "pages/help.html", {"guides": guide_links(get_language())})


@require_safe
@for_readers
def search(request):
    """The records holding every word typed, kind by kind; ?kind= pages through one kind."""
    query = request.GET.get("q", "")
    results, error = None, None
    if "q" in request.GET:
        try:
            words = searching.words_of(query)
            results = searching.search(words, kind=request.GET.get("kind"), page=request.GET.get("page"))
        except searching.QueryError as problem:
            error = str(problem)
    return render(
        request,
        "pages/search.html",
        {
            "query": query,
            "results": results,
            "error": error,
            "max_length": searching.MAX_QUERY_LENGTH,
        },
        status=400 if error else 200,
    )
