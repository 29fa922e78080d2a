"""Paging through a list in the browser (?page=): a page of PAGE_SIZE rows, the number of rows
counted by the database, and links that keep the page's other parameters (the sort and its
order). A page number past the end gives the last page and what is not a page number the first,
each saying so; never an error."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

PAGE_SIZE = 20
_NUMBER = re.compile(r"\d{1,9}")
NOT_A_NUMBER = "not-a-number"


def asked_page(request) -> str:
    """What the reader asked for, as a cache key may hold it: "" (nothing: the first page), a
    page number, or NOT_A_NUMBER."""
    value = request.GET.get("page", "")
    if not value:
        return ""
    return str(int(value)) if _NUMBER.fullmatch(value) else NOT_A_NUMBER


@dataclass
class Paged:
    """A page of a list, with how to reach the others."""

    page: Page
    asked: str  # asked_page(): "" or the number shown unless the page was moved
    keep: dict = field(default_factory=dict)  # the other parameters its links keep

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def not_a_number(self) -> bool:
        return self.asked == NOT_A_NUMBER

    @property
    def missing(self) -> int | None:
        """The page number asked for when there is no such page (another is shown)."""
        if self.asked and not self.not_a_number and int(self.asked) != self.page.number:
            return int(self.asked)
        return None

    def url(self, number: int) -> str:
        return "?" + urlencode({**self.keep, "page": number})

    @property
    def links(self) -> list[tuple[int | None, str]]:
        """(number, address) of the pages to link: the first, the last and two either side of
        this one; None where pages are left out."""
        last, here = self.page.paginator.num_pages, self.page.number
        numbers = sorted({1, last, *range(max(here - 2, 1), min(here + 2, last) + 1)})
        shown, before = [], 0
        for number in numbers:
            if number - before > 1:
                shown.append((None, ""))
            shown.append((number, self.url(number)))
            before = number
        return shown

    @property
    def previous_url(self) -> str | None:
        return self.url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.page.next_page_number()) if self.page.has_next() else None


def paged(items, asked: str, *, keep: dict | None = None, size: int = PAGE_SIZE) -> Paged:
    """The page `asked` (asked_page()) of `items` (a QuerySet: the database counts it and reads
    only the page's rows)."""
    paginator = Paginator(items, size)
    number = int(asked) if asked and asked != NOT_A_NUMBER else 1
    number = min(max(number, 1), paginator.num_pages)
    return Paged(paginator.page(number), asked, keep or {})
