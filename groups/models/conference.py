"""Who takes part in the Conference and where it meets: countries, institutions, meetings."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.bilingual import LANGUAGES, has_text
from core.models import LanguageGaps
from core.wording import MAX_ORDINAL, day_range_label, ordinal


class CountryManager(models.Manager):
    def get_by_natural_key(self, iso3):
        """What `dumpdata --natural-foreign` names a country by (natural_key), found again on loading."""
        return self.get(iso3=iso3)


class Country(models.Model):
    class Membership(models.TextChoices):
        MEMBER = "member", _("member State")
        ASSOCIATE = "associate", _("associate member")
        NONE = "none", _("not a member")

    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=120)
    # "Instituto Nacional de Estadística (INE) del Perú": the name as a phrase writes it after
    # "of" / "de", with its article where the language gives it one.
    name_in_phrase = models.CharField(
        _('name after "of"'),
        max_length=160,
        blank=True,
        help_text=_(
            'With its article, as a phrase writes it after "of": "the Dominican '
            'Republic", "el Perú". Empty: the name alone.'
        ),
    )
    membership = models.CharField(
        _("membership of the Conference"),
        max_length=10,
        choices=Membership.choices,
        default=Membership.MEMBER,
    )

    objects = CountryManager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="country_iso3_three_capitals"
            ),
        ]

    def __str__(self):
        return self.name or self.iso3

    def clean(self):
        self.iso3 = (self.iso3 or "").upper()

    def natural_key(self):
        return (self.iso3,)


class Institution(LanguageGaps):
    class Kind(models.TextChoices):
        NSO = "nso", _("national statistical office")
        NATIONAL = "national", _("other national body")
        ECLAC = "eclac", _("ECLAC division")
        INTERNATIONAL = "international", _("international or regional organization")
        OTHER = "other", _("other")

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_(
            "Stable key used in spreadsheets and fixtures: ACRONYM@ISO3 for a national "
            "body (INEGI@MEX), the acronym alone otherwise (UNICEF)."
        ),
    )
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    name = models.CharField(_("name"), max_length=255)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="institutions",
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="institution_not_own_parent"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def as_phrase(self, lang=None) -> str:
        """ "Instituto Nacional de Estadística (INE) de México": the institution as a document
        names it, in the active language (core.wording.of_country)."""
        from django.utils.translation import get_language

        from core.bilingual import shown
        from core.wording import of_country

        lang = (lang or get_language() or "en")[:2]
        text = shown(self, "name", lang).text
        acronym = shown(self, "acronym", lang).text
        if acronym and acronym != text:
            text = f"{text} ({acronym})"
        if self.country_id:
            # No stand-in from the other language: "of the Bahamas" is no Spanish phrase.
            country = self.country
            text = of_country(
                text,
                getattr(country, f"name_in_phrase_{lang}", "") or shown(country, "name", lang).text,
                lang,
            )
        return text

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError({"parent": _("An institution cannot be its own ancestor.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Meeting(models.Model):
    class Body(models.TextChoices):
        CONFERENCE = "conference", _("Statistical Conference of the Americas")
        EXECUTIVE_COMMITTEE = "committee", _("Executive Committee")

    CODE_PREFIX = {Body.CONFERENCE: "CEA", Body.EXECUTIVE_COMMITTEE: "CE"}

    body = models.CharField(_("body"), max_length=10, choices=Body.choices)
    # Written out as an ordinal in the meeting's name ("Twentieth meeting"): 1 to MAX_ORDINAL.
    number = models.PositiveSmallIntegerField(
        _("ordinal number"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ORDINAL)],
        help_text=_("10 for the tenth meeting."),
    )
    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        editable=False,
        help_text=_("Short code used on command lines and in URLs: CEA.10, CE.20."),
    )
    place = models.CharField(_("place"), max_length=120, blank=True)
    is_virtual = models.BooleanField(_("virtual meeting"), default=False)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="meeting_unique_body_number"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="meeting_end_not_before_start"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_positive"),
        ]

    def __str__(self):
        return f"{self.code}: {self.name}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The meeting cannot end before it starts.")})
        # The place is written by language (place_en, place_es): the error goes to the first,
        # which every form of a meeting has; "place" itself is in none of them.
        if not self.is_virtual and not has_text(self, "place"):
            raise ValidationError(
                {
                    build_localized_fieldname("place", LANGUAGES[0]): _(
                        "Give the place, or mark the meeting as virtual."
                    )
                }
            )

    def save(self, *args, **kwargs):
        self.code = f"{self.CODE_PREFIX[self.body]}.{self.number}"
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        """The meeting written out in the active language, as the heading block shows it."""
        from django.utils.translation import gettext

        number = ordinal(self.number).capitalize()
        if self.body == self.Body.CONFERENCE:
            return gettext(
                "%(ordinal)s meeting of the Statistical Conference of the Americas of the "
                "Economic Commission for Latin America and the Caribbean"
            ) % {"ordinal": number}
        return gettext(
            "%(ordinal)s meeting of the Executive Committee of the Statistical Conference of "
            "the Americas of the Economic Commission for Latin America and the Caribbean"
        ) % {"ordinal": number}

    @property
    def name_in_sentence(self) -> str:
        """The name inside a sentence: "... goes to the eleventh meeting of ...", "... a la
        undécima reunión de ..." (the ordinal is capitalized only as a heading)."""
        name = self.name
        return name[:1].lower() + name[1:]

    @property
    def place_and_dates(self) -> str:
        """ "Santiago, 19-21 November 2019" / "Reunión virtual, 7 y 8 de abril de 2021"."""
        from django.utils.translation import gettext

        where = gettext("Virtual meeting") if self.is_virtual else self.place
        return f"{where}, {day_range_label(self.start_date, self.end_date)}"
