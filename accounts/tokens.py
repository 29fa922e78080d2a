"""Making, finding and revoking personal access tokens (accounts.models.AccessToken). A token
is 32 random bytes; the database keeps its SHA-256, which is enough to find it again and useless
to anyone who copies the table."""

import datetime
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AccessToken

# A token's last use is written at most this often: an API client polling every second must
# not turn each read into a write.
LAST_USE_PRECISION = datetime.timedelta(minutes=1)


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, user, name: str) -> tuple[AccessToken, str]:
    """A new token for `user` and its secret, which is not kept anywhere: show it once."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, to know later what uses it.")})
    with transaction.atomic():
        # Counted under the user's lock, so two requests at once cannot pass the limit together.
        get_user_model().objects.select_for_update().get(pk=user.pk)
        if AccessToken.objects.active().filter(user=user).count() >= AccessToken.MAX_ACTIVE:
            raise ValidationError(
                {
                    "name": _(
                        "You already have %(count)d tokens in use; revoke one you no longer need first."
                    )
                    % {"count": AccessToken.MAX_ACTIVE}
                }
            )
        secret = AccessToken.PREFIX + secrets.token_urlsafe(32)
        token = AccessToken(user=user, name=name, digest=digest_of(secret), hint=secret[:10])
        token.full_clean()
        token.save()
    return token, secret


def token_revoke(*, user, token_id) -> AccessToken:
    """Revoke one of `user`'s own tokens (another user's is not found)."""
    token = AccessToken.objects.get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_user(secret: str):
    """The user a token in use acts for, or None; notes its use."""
    token = AccessToken.objects.active().select_related("user").filter(digest=digest_of(secret)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
