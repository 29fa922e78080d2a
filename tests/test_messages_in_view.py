"""After a refused submission the group report's page opens at its message (issue 26): it
reloaded at the top of 10,300 px while a refused evidence file's error was 9,000 px below. The
message lists every field at fault with a link to it, and the page opens there: the evidence
and the conversation's forms post to an address ending in their message's fragment; the
progress form and the review, whose successful saves come back to the page's own address, focus
their message instead (autofocus), and post to an address without a fragment, for one left by
another form (#thread) would take the page there. (tests/browser/test_evidence_browser.py and
tests/browser/test_reporting_cycle.py measure where a browser lands.)"""

import re

import pytest

from .support import evidence_files as files
from .support.progress_forms import progress_post
from .support.second_factor import log_in
from .test_evidence import attach, first_activity
from .test_progress_form import url

pytestmark = pytest.mark.django_db


def _form_tag(html, css_class):
    """The form's action."""
    match = re.search(rf'<form method="post"(?: action="([^"]*)")?[^>]* class="{css_class}"', html)
    assert match, f"no form {css_class}"
    return match.group(1) or ""


def _focused(html, element_id):
    """The element `element_id` takes the focus when the page opens, and it is the only one."""
    assert re.search(rf'id="{element_id}" tabindex="-1" autofocus>', html), f"{element_id} not focused"
    assert html.count(" autofocus") == 1


def test_a_refused_submission_opens_at_the_list_of_its_problems(client, coordinator, open_round, group_iv):
    client.force_login(coordinator)
    first, *_ = group_iv.activities.order_by("order")
    answer = client.post(
        url(open_round, group_iv), progress_post(group_iv, open_round, "check", values={1: (150, "", "")})
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert _form_tag(html, "progress-form") == url(open_round, group_iv), "no fragment: autofocus"
    _focused(html, "errors")
    assert html.index('id="errors"') < html.index('id="activities"')
    problems = html[html.index('id="errors"') : html.index("</ol>", html.index('id="errors"'))]
    assert f'href="#id_a{first.pk}-percent"' in problems


def test_a_refused_evidence_file_opens_at_its_message_with_a_link_to_the_file_field(
    client, coordinator, open_round, group_iv
):
    client.force_login(coordinator)
    answer = attach(
        client, open_round, group_iv, about=first_activity(group_iv), content=files.PROGRAM, name="report.pdf"
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    action = _form_tag(html, "evidence-form")
    assert action.endswith("/evidence/#evidence-form")
    _focused(html, "evidence-errors")
    heading, summary = html.index('id="evidence-form"'), html.index('id="evidence-errors"')
    assert heading < summary < html.index('name="file"', heading)
    listed = html[summary : html.index("</div>", summary)]
    assert 'href="#id_file"' in listed and "whatever its name says" in listed
    # The controls are the form's own: each in a field box, the file input among them.
    assert re.search(r'<div class="field field-file invalid">', html)


def test_a_refused_message_and_a_refused_review_open_at_theirs(
    client, coordinator, secretariat_user, open_round, group_iv
):
    client.force_login(coordinator)
    refused = client.post(url(open_round, group_iv) + "comments/", {"body": ""})
    assert refused.status_code == 400
    assert _form_tag(refused.content.decode(), "comment-form").endswith("/comments/#thread")
    _focused(refused.content.decode(), "comment-errors")
    values = {a.order: (50, "", "") for a in group_iv.activities.all()}
    client.post(url(open_round, group_iv), progress_post(group_iv, open_round, "submit", values=values))
    log_in(client, secretariat_user)
    refused = client.post(url(open_round, group_iv), {"action": "return", "comment": ""})
    html = refused.content.decode()
    assert refused.status_code == 400 and _form_tag(html, "review-form") == url(open_round, group_iv)
    _focused(html, "review-errors")
    assert 'href="#id_comment"' in html
