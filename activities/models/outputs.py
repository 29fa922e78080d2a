"""The outputs a group submits to the Conference, and the agencies responsible for each."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.limits import SHORT, limited
from core.models import LanguageGaps
from core.wording import join_and
from groups.models import Institution, WorkingGroup

from .objectives import Objective


class Output(LanguageGaps):
    """A deliverable the group submits to the Conference, under the objective it serves when
    the report groups them so; its timetable is a phrase ("First half of 2021"), and a group
    whose plan has no activities by month prints its outputs as the plan."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="outputs",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.TextField(_("output"), **limited(SHORT))
    by_coordinating_countries = models.BooleanField(_("responsible: coordinating countries"), default=False)
    by_member_countries = models.BooleanField(_("responsible: member countries"), default=False)
    institutions = models.ManyToManyField(
        Institution, verbose_name=_("responsible institutions"), blank=True, related_name="outputs"
    )
    timetable = models.CharField(_("timetable or status"), max_length=300, blank=True)
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("programme objective"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outputs",
    )
    agency = models.CharField(
        _("agency responsible, as written"),
        max_length=500,
        blank=True,
        help_text=_(
            "The document's own words. Empty: written from the responsible countries and institutions above."
        ),
    )

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="output_unique_order"),
        ]

    def __str__(self):
        return self.text[:100]

    def clean(self):
        if self.objective_id and self.group_id and self.objective.group_id != self.group_id:
            raise ValidationError({"objective": _("The objective must belong to the same working group.")})

    def responsible_names(self) -> list[str]:
        """The agencies responsible, as the output table lists them."""
        from django.utils.translation import gettext

        from core.bilingual import shown

        names = []
        if self.by_coordinating_countries:
            names.append(gettext("Coordinating countries"))
        if self.by_member_countries:
            names.append(gettext("Member countries"))
        return names + [shown(i, "name").text for i in self.institutions.all()]

    def agency_phrase(self) -> str:
        """ "Coordinating countries and Instituto Nacional de Estadística y Censos (INEC) del
        Ecuador": the clerk's own words in the active language, or a phrase written from the
        roles, joined with the language's "and"."""
        from core.bilingual import shown

        written = shown(self, "agency")
        if written.text and not written.untranslated:
            return written.text
        names = self.responsible_names()[: self.by_coordinating_countries + self.by_member_countries]
        names += [i.as_phrase() for i in self.institutions.all()]
        # Nothing to write it from: the other language's words stand in rather than nothing.
        return join_and(names) or written.text
