"""Who a portal user works for. A focal point is a user whose institution coordinates a
working group; what each person may do follows from this link (reporting/policy.py)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from groups.models import Institution


class AffiliationQuerySet(models.QuerySet):
    def focal_points_of(self, group):
        """Active users attached to an institution that coordinates the group, with an e-mail."""
        return self.filter(
            institution__group_roles__group=group,
            institution__group_roles__role="coordinating",
            user__is_active=True,
        ).exclude(user__email="").select_related("user").distinct()


class Affiliation(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="affiliation",
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT,
        related_name="affiliations",
        help_text=_("The user acts for this institution: its groups, as coordinator or member."),
    )

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self):
        return f"{self.user} — {self.institution}"
