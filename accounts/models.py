"""Who a portal user works for. A focal point is a user whose institution coordinates a
working group; what each person may do follows from this link (reporting/policy.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from groups.models import Institution


class AffiliationQuerySet(models.QuerySet):
    def focal_points_of(self, group):
        """Active users attached to an institution that coordinates the group, with an e-mail."""
        return (
            self.filter(
                institution__group_roles__group=group,
                institution__group_roles__role="coordinating",
                user__is_active=True,
            )
            .exclude(user__email="")
            .select_related("user")
            .distinct()
        )


class Affiliation(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="affiliation",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="affiliations",
        help_text=_("The user acts for this institution: its groups, as coordinator or member."),
    )

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self):
        return f"{self.user} — {self.institution}"


class AccessTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def of(self, user):
        """A user's tokens as their page lists them: the ones in use first, newest first."""
        return self.filter(user=user).order_by(models.F("revoked_at").desc(nulls_first=True), "-created_at")


class AccessToken(models.Model):
    """A personal access token: lets a program act for its user on the API (api/). Only a hash
    of it is stored, so whoever reads the database cannot use it; the user sees it once, when it
    is made, and revokes it when it is no longer needed or may have leaked."""

    PREFIX = "cea_"
    MAX_ACTIVE = 10  # per user: enough for a few tools, few enough to keep track of

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="access_tokens",
    )
    name = models.CharField(
        _("name"), max_length=80, help_text=_("What the token is for, such as the program that uses it.")
    )
    digest = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True, editable=False)
    hint = models.CharField(_("beginning of the token"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")
        ordering = ["user", "-created_at"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
