"""Clients of the API as a program uses it: JSON bodies, a personal access token in the
Authorization header, the language in Accept-Language."""

import json

from django.test import Client

from accounts.tokens import token_create


def token_for(user, name="test program") -> str:
    return token_create(user=user, name=name)[1]


class ApiClient:
    def __init__(self, token=None, lang="en", client=None):
        self.client = client or Client()
        self.headers = {"HTTP_ACCEPT_LANGUAGE": lang}
        if token:
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"

    def get(self, url, **headers):
        return self.client.get(url, **self.headers, **headers)

    def send(self, method, url, body=None, **headers):
        return getattr(self.client, method.lower())(
            url,
            data=json.dumps(body if body is not None else {}),
            content_type="application/json",
            **self.headers,
            **headers,
        )

    def patch(self, url, body, **headers):
        return self.send("PATCH", url, body, **headers)


def group_report_url(reporting_round, group) -> str:
    return f"/api/v1/group-reports/{reporting_round.meeting.code}/{group.programme.period}/{group.numeral}/"
