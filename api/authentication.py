"""Personal access tokens (accounts/tokens.py) in the Authorization header: "Bearer cea_...".
A token that is unknown, revoked, or whose user is inactive is refused with 401, never treated
as anonymous, so that a client learns at once that its token no longer works."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from accounts.tokens import token_user


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as: Authorization: Bearer TOKEN."))
        try:
            secret = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from None
        user = token_user(secret)
        if user is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid, or it was revoked."))
        return user, None

    def authenticate_header(self, request):
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    """How the schema describes the tokens."""

    target_class = TokenAuthentication
    name = "personalAccessToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token, made on the portal's page "
            '"API tokens" (/en/accounts/tokens/).',
        }
