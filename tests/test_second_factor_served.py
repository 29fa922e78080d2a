"""The second factor as production serves it (gunicorn, the production settings, the sessions in
the database): a staff account types its password, then the code its authenticator app shows
now, computed from the device's key; the session that gave it is verified on every app server,
and one that did not is sent to the code page by each."""

import pytest

from .support.second_factor import enrol_command, new_key
from .support.served import Browser, first_run, gunicorn

pytestmark = pytest.mark.slow  # gunicorn app servers

KEY = new_key()
STAFF = (
    "from django.contrib.auth import get_user_model; "
    "get_user_model().objects.create_superuser('root', 'root@example.org', 'a staff password')"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with first_run(
        tmp_path_factory.mktemp("second-factor"), "second_factor", STAFF, enrol_command("root", KEY)
    ) as env:
        yield env


def test_staff_log_in_with_a_real_code_on_every_app_server(served):
    with gunicorn(served, workers=1) as a, gunicorn(served, workers=1) as b:
        half = Browser()
        assert half.log_in(a, "root", "a staff password").status == 302
        refused = half.request(b + "/en/admin/")
        assert refused.status == 302 and refused.headers["Location"].startswith("/en/accounts/code/")
        wrong = half.submit(a + "/en/accounts/code/", {"code": "12345x"})
        assert wrong.status == 400
        staff = Browser()
        answer = staff.log_in(a, "root", "a staff password", key=KEY)
        assert answer.status == 302, answer.body.decode()[:2000]
        assert staff.request(b + "/en/admin/").status == 200
        assert "Reset the log-in code" in staff.request(b + "/en/admin/auth/user/").body.decode()
