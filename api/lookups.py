"""The record an API address names, or 404 saying in the client's language what was not found,
by the key the client gave ("No working group “2020-2021/XL”: ..."), never a model's name."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound

from groups.models import Meeting
from reporting import policy
from reporting.lookups import group_or_404, programme_or_404, round_or_404

from . import visibility


def _found(find, value, message):
    """`find()`, or 404 with `message` (a callable, translated when it is said) about `value`.
    A key the database cannot even hold (a NUL on PostgreSQL: ValueError) names nothing too."""
    try:
        return find()
    except (Http404, ObjectDoesNotExist, ValueError):
        raise NotFound(message() % {"value": value}) from None


def programme(period, user=None):
    """The programme `period`; with `user`, only one the user is given (api/visibility.py):
    a draft not published is as absent as a programme that does not exist."""

    def find():
        found = programme_or_404(period)
        if user is not None and not found.is_readable and not visibility.sees_unpublished(user):
            raise Http404
        return found

    return _found(find, period, lambda: _("No programme “%(value)s”: give its period, such as 2020-2021."))


def meeting(code):
    return _found(
        lambda: Meeting.objects.get(code=code),
        code,
        lambda: _("No meeting “%(value)s”: give its code, such as CE.20."),
    )


def group(period, numeral, groups=None, user=None):
    """The group `period`/`numeral`; with `user`, only one the user may read (a proposal's group
    of an unpublished draft: its proposal's side, reporting.policy.can_read_group)."""

    def find():
        found = group_or_404(period, numeral, groups)
        if user is not None and not policy.can_read_group(user, found):
            raise Http404
        return found

    return _found(
        find,
        f"{period}/{numeral}",
        lambda: _("No working group “%(value)s”: give its key, such as 2020-2021/IV."),
    )


def reporting_round(code, user=None):
    """The round reported to the meeting `code`; with `user`, only one of a programme the user
    is given (a round never reports on a draft, but the rule is the programmes')."""

    def find():
        found = round_or_404(code)
        if user is not None and not found.programme.is_readable and not visibility.sees_unpublished(user):
            raise Http404
        return found

    return _found(
        find,
        code,
        lambda: _("No reporting round “%(value)s”: give its meeting's code, such as CE.20."),
    )


def document(documents, symbol):
    return _found(
        lambda: documents.get(symbol=symbol),
        symbol,
        lambda: _("No document “%(value)s”: give its symbol, such as LC/CE.20/3."),
    )


def round_and_group(code, period, numeral):
    """The round reported to the meeting `code` and the group `period`/`numeral` of its programme
    (as reporting.lookups.round_and_group_or_404 finds them), each 404 in words of its own."""
    found_group = group(period, numeral)
    found_round = reporting_round(code)
    if found_round.programme_id != found_group.programme_id:
        raise NotFound(
            _(
                "The reporting round “%(round)s” does not report on the programme of the "
                "working group “%(group)s”."
            )
            % {"round": code, "group": found_group.code}
        )
    return found_round, found_group
