"""Every URL of the portal, for every kind of visitor, with GET and POST: the expected answer,
and for every refused POST a database left exactly as it was.

The visitors: anonymous; the secretariat; a focal point of group IV's coordinating
institution (INEGI, Mexico); a focal point of another country (DANE, Colombia, not in group
IV); and a user of a member country of group IV (INE, Chile). A URL added to the portal
without a row here fails test_every_url_is_in_the_matrix."""
import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from reporting.models import ProgressEntry

from . import factories
from .db_state import snapshot
from .progress_forms import progress_post
from .workbooks import filled, upload

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "secretariat", "coordinator", "other_focal", "member_user")
SIGNED_IN = ROLES[1:]
FIXTURES = {"secretariat": "secretariat_user"}  # the other roles are named as their fixtures
LOGIN = "/en/accounts/login/"
ADMIN_LOGIN = "/en/admin/login/"


def every(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status, anonymous=LOGIN):
    """`status` for signed-in users; anonymous visitors are sent to `anonymous` to log in."""
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, status)}


def only(allowed, status=200, refused=403):
    return {"anonymous": LOGIN, **{r: status if r in allowed else refused for r in SIGNED_IN}}


# name: (route name, GET expectations, POST expectations). A string expectation is a redirect
# to that address (302), a number the status code.
MATRIX = {
    "home": ("pages:home", every(200), every(405)),
    "group": ("pages:group", every(200), every(405)),
    "countries": ("pages:countries", every(200), every(405)),
    "country": ("pages:country", every(200), every(405)),
    "search": ("pages:search", every(200), every(405)),
    "round_progress": ("pages:round_progress", every(200), every(405)),
    "documents": ("reports:documents", every(200), every(405)),
    "pdf": ("reports:pdf", every(200), every(405)),
    "login": ("login", every(200), every(200)),  # POSTed with a wrong password
    "logout": ("logout", every(405), every("/en/")),
    "password_change": ("password_change", signed_in(200), signed_in(200)),  # POSTed empty
    "password_change_done": ("password_change_done", signed_in(200), signed_in(405)),
    "password_reset": ("password_reset", every(200), every("/en/accounts/password_reset/done/")),
    "password_reset_done": ("password_reset_done", every(200), every(405)),
    "password_reset_confirm": ("password_reset_confirm", every(200), every(200)),  # a bad token
    "password_reset_complete": ("password_reset_complete", every(200), every(405)),
    "my_groups": ("workspace:my_groups", signed_in(200), every(405)),
    "round_overview": ("workspace:round", only({"secretariat"}), every(405)),
    "progress_open": ("workspace:progress",
                      only({"secretariat", "coordinator", "member_user"}),
                      only({"secretariat", "coordinator"}, status="saved")),
    "progress_closed": ("workspace:progress",
                        only({"secretariat", "coordinator", "member_user"}), only(set())),
    "workbook_open": ("spreadsheets:workbook", only({"secretariat", "coordinator"}), every(405)),
    "workbook_closed": ("spreadsheets:workbook", only(set()), every(405)),
    # POSTed a filled workbook: the preview (200) writes nothing.
    "workbook_import_open": ("spreadsheets:workbook_import", every(405),
                             only({"secretariat", "coordinator"})),
    "workbook_import_closed": ("spreadsheets:workbook_import", every(405), only(set())),
    "admin_index": ("admin:index", {**every(ADMIN_LOGIN), "secretariat": 200},
                    {**every(ADMIN_LOGIN), "secretariat": 200}),
    "admin_progress": ("admin:reporting_progressentry_changelist",
                       {**every(ADMIN_LOGIN), "secretariat": 200},
                       {**every(ADMIN_LOGIN), "secretariat": 200}),
    "admin_progress_import": ("admin:reporting_progressentry_import",
                              {**every(ADMIN_LOGIN), "secretariat": 200},
                              {**every(ADMIN_LOGIN), "secretariat": 200}),
    "admin_workbook_import": ("admin:reporting_groupreport_import_workbook",
                              {**every(ADMIN_LOGIN), "secretariat": 200},
                              {**every(ADMIN_LOGIN), "secretariat": 400}),  # POSTed without a file
}


@pytest.fixture
def place(open_round, second_round, group_iv, member_user):
    """Arguments of each URL, and the POST data a browser would send to it."""
    document, _activity = factories.small_report()
    group = ("2020-2021", "IV")
    args = {
        "group": group, "pdf": (document.symbol, "en"),
        "country": ("MEX",),
        "round_progress": (second_round.meeting.code,),
        "password_reset_confirm": ("MQ", "not-a-valid-token"),
        "round_overview": (open_round.meeting.code,),
        "progress_open": (open_round.meeting.code, *group),
        "progress_closed": (second_round.meeting.code, *group),
        "workbook_open": (open_round.meeting.code, *group),
        "workbook_closed": (second_round.meeting.code, *group),
        "workbook_import_open": (open_round.meeting.code, *group),
        "workbook_import_closed": (second_round.meeting.code, *group),
    }
    posts = {
        "login": {"username": "focal-inegi", "password": "wrong"},
        "password_reset": {"email": "nobody@example.org"},
        "progress_open": progress_post(group_iv, open_round, values={3: (55, "Posted", "Enviado")}),
        "progress_closed": progress_post(group_iv, second_round, values={3: (55, "Posted", "Enviado")}),
        "workbook_import_open": {"workbook": upload(filled(group_iv, open_round, {3: (55, "Sent", "Enviado")}))},
        "workbook_import_closed": {"workbook": upload(filled(group_iv, open_round, {3: (55, "Sent", "Enviado")}))},
    }
    return args, posts


def _url(name, args):
    with translation.override("en"):
        return reverse(MATRIX[name][0], args=args.get(name, ()))


def _client(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(FIXTURES.get(role, role)))
    return client


def _check(response, expected, role):
    if isinstance(expected, str):
        assert response.status_code == 302, (role, response.status_code)
        assert response["Location"].startswith(expected), (role, response["Location"])
    else:
        assert response.status_code == expected, (role, response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", MATRIX)
def test_get(client, request, place, name, role):
    args, _posts = place
    response = _client(client, request, role).get(_url(name, args))
    _check(response, MATRIX[name][1][role], role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", MATRIX)
def test_post(client, request, place, name, role, second_round):
    args, posts = place
    client = _client(client, request, role)
    expected = MATRIX[name][2][role]
    before = snapshot()
    response = client.post(_url(name, args), posts.get(name, {}))
    if expected == "saved":
        assert response.status_code == 302 and response["Location"] == _url(name, args), role
        entry = ProgressEntry.objects.get(round__meeting__code=args[name][0], activity__group__number=4,
                                          activity__order=3)
        assert (entry.percent, entry.remarks_en) == (55, "Posted")
        return
    _check(response, expected, role)
    assert snapshot() == before, f"{role} changed the database with a refused POST to {name}"


def _route_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the admin's own pages: sampled above, and every page in test_admin
            yield from _route_names(pattern.url_patterns, pattern.namespace or namespace)
        else:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_matrix():
    assert set(_route_names(get_resolver().url_patterns)) <= {route for route, _g, _p in MATRIX.values()}
