"""gunicorn's configuration for the portal's app servers, read by the command the deployment
guide gives (docs/operations/deployment.md: `gunicorn --config gunicorn.conf.py ...`, run from
the checkout; gunicorn also reads this file by itself when started there).

gunicorn names itself in a `Server` header on every answer and has no setting to leave it out
(benoitc/gunicorn#825: its maintainers keep the name, without the version since 20.1). It tells
a scanner which server's weaknesses to try and a reader nothing, so the status line and the
headers gunicorn writes itself are written without it. This file runs in gunicorn's master
process before the workers are forked, so every worker writes its answers this way."""

from gunicorn.http import wsgi

_gunicorns_headers = wsgi.Response.default_headers


def _without_server(response):
    return [line for line in _gunicorns_headers(response) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server
