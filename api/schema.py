"""How /api/schema/ describes each operation beyond what drf-spectacular finds by itself: the
answers other than success that the operation can give, each with its body, documented once
here rather than on every view; and each filter's keys as they are when the schema is served.
tests/test_api_schema_conformance.py runs schemathesis against the schema to keep it exact."""

from django.db import DatabaseError
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent

from . import filters

ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in the request's language."}
    },
    "required": ["detail"],
}
INVALID = {
    "type": "object",
    "description": "A list of messages, in the request's language, under the parameter or field "
    "each is about (nested as the body is: entries, then the activity, then the field); "
    "non_field_errors for the request as a whole; detail for a body that is not JSON.",
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
}
VALIDATORS = {"type": "string", "description": "As the 200 gave it: send it back to poll."}


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        parameters = operation.get("parameters", [])
        for parameter in parameters:
            if parameter["in"] == "query" and parameter["name"] in filters.ALL:
                try:
                    parameter["schema"]["enum"] = filters.ALL[parameter["name"]].keys()
                except DatabaseError:
                    # drf-spectacular's system check (manage.py check) builds the schema too,
                    # maybe before the database has its tables: it checks the shape, not keys.
                    continue
        responses = operation["responses"]
        for code, response in self._other_answers(operation, parameters).items():
            responses.setdefault(code, response)
        if getattr(self.view, "answers_conditional_get", False) and self.method == "GET":
            headers = {"ETag": {"schema": VALIDATORS}, "Last-Modified": {"schema": VALIDATORS}}
            responses["200"].setdefault("headers", {}).update(headers)
            responses["304"] = {
                "description": "Not modified since the ETag (If-None-Match) or the time (If-Modified-Since) "
                "sent: the copy the client holds is current. No body.",
                "headers": headers,
            }
        return dict(operation, responses=dict(sorted(responses.items())))

    def _other_answers(self, operation, parameters) -> dict:
        """The answers other than success this operation can give, by their status code."""
        has_body = "requestBody" in operation
        anonymous = {} in operation.get("security", [{}])
        paginated = any(p["in"] == "query" and p["name"] == "page" for p in parameters)
        answers = {
            "401": self._error(
                "The token sent is not valid (or revoked, or its user inactive)"
                + ("." if anonymous else "; or none was sent."),
                headers={"WWW-Authenticate": {"schema": {"type": "string"}, "required": True}},
            ),
            "406": self._error("The Accept header allows no JSON: every answer is JSON."),
        }
        if has_body or any(p["in"] == "query" for p in parameters):
            answers["400"] = self._response(
                "A parameter or a value sent is wrong; nothing was changed.",
                self._component("ValidationError", INVALID),
            )
        if not anonymous or self.method not in ("GET", "HEAD", "OPTIONS"):
            answers["403"] = self._error(
                "You may not do this: not your group, the round not open, the group report with the "
                "secretariat, or (signed in with a session) the CSRF token missing."
            )
        if paginated or any(p["in"] == "path" for p in parameters):
            answers["404"] = self._error("Nothing has the key in the address, or the page is past the last.")
        if has_body:
            answers["415"] = self._error("The body is not JSON (Content-Type: application/json).")
        if anonymous:
            answers["429"] = self._error(
                "Too many requests without a token from this address: wait the seconds Retry-After says.",
                headers={"Retry-After": {"schema": {"type": "integer"}, "required": True}},
            )
        return answers

    def _error(self, description, headers=None) -> dict:
        return self._response(description, self._component("Error", ERROR), headers)

    @staticmethod
    def _response(description, schema, headers=None) -> dict:
        response = {"description": description, "content": {"application/json": {"schema": schema}}}
        return dict(response, headers=headers) if headers else response

    def _component(self, name, schema) -> dict:
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name)
        self.registry.register_on_missing(component)
        return component.ref
