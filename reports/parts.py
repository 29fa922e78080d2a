"""The parts a report of a working group (or of a network) may print, each with its default
heading, the data it needs and its template (templates/reports/pdf/group_document/<name>.html),
and the composition it has when the secretariat gives it none: the shape of the reports the
portal printed before compositions, which every existing document keeps."""

from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from core.bilingual import has_text

from .composition import Part, Row

TEMPLATES = "reports/pdf/group_document/"


def _network(context) -> bool:
    group = context["group"]
    return group.kind == group.Kind.NETWORK


def _part(name, heading, has_data, *, inline=False, container=False) -> Part:
    return Part(name, heading, has_data, "" if container else f"{TEMPLATES}{name}.html", inline)


def _roles(kind):
    return lambda context: getattr(context["group"], f"{kind}_roles")


def _counted(singular, plural, kind):
    return lambda context: ngettext(singular, plural, max(1, len(_roles(kind)(context))))


GROUP_PARTS = (
    _part(
        "introduction", lambda c: gettext("Introduction"), lambda c: has_text(c["document"], "introduction")
    ),
    _part(
        "composition",
        lambda c: (
            gettext("Composition of the network")
            if _network(c)
            else gettext("Composition of the working group")
        ),
        lambda c: bool(c["group"].roles.all()),
    ),
    _part(
        "coordinating",
        _counted("Coordinating country", "Coordinating countries", "coordinating"),
        lambda c: bool(_roles("coordinating")(c)),
        inline=True,
    ),
    _part("members", lambda c: gettext("Member countries"), lambda c: bool(c["members"]), inline=True),
    _part(
        "secretariat",
        _counted("Technical secretariat", "Technical secretariats", "secretariat"),
        lambda c: bool(_roles("secretariat")(c)),
        inline=True,
    ),
    _part(
        "participating",
        lambda c: gettext("Participating bodies"),
        lambda c: bool(_roles("participating")(c)),
        inline=True,
    ),
    _part("council", lambda c: gettext("Council"), lambda c: bool(_roles("council")(c))),
    _part(
        "work",
        lambda c: gettext("Programme of work %(period)s") % {"period": c["programme"].period},
        lambda c: False,
        container=True,
    ),
    _part(
        "objectives", lambda c: gettext("General and specific objectives"), lambda c: bool(c["objectives"])
    ),
    _part(
        "specific_objectives",
        lambda c: (
            gettext("Description of the specific objectives for the period %(period)s")
            % {"period": c["programme"].period}
        ),
        lambda c: bool(c["specific_objectives"]),
    ),
    _part(
        "activities",
        lambda c: gettext("Activities and action lines for the period"),
        lambda c: bool(c["areas_by_objective"] or c["group"].all_activities),
    ),
    _part(
        "outputs",
        lambda c: gettext("Outputs to be submitted to the Statistical Conference of the Americas"),
        lambda c: bool(c["outputs"]),
    ),
    _part(
        "financing",
        lambda c: gettext("Budget and financing"),
        lambda c: has_text(c["group"], "financing") or bool(c["financing_sources"]),
    ),
    _part(
        "previous",
        lambda c: gettext("Results of the previous programme"),
        lambda c: has_text(c["group"], "previous_results"),
    ),
    _part(
        "progress",
        lambda c: gettext("Progress to date"),
        lambda c: bool(c["group_report"] or c["entries"] or c["schedule"].activities),
    ),
    _part(
        "programme",
        lambda c: gettext("Programme of activities"),
        lambda c: bool(c["group"].all_activities),
    ),
    _part("events", lambda c: gettext("Events held"), lambda c: bool(c["group"].events.all())),
    _part(
        "figures",
        lambda c: gettext("The network in figures") if _network(c) else gettext("Figures"),
        lambda c: bool(c["group"].figures.all()),
    ),
    _part(
        "plan",
        lambda c: pgettext("working-group report", "Plan of activities"),
        lambda c: bool(c["timetable"] if c["plan_by_month"] else c["plan_lines"]),
    ),
    _part("links", lambda c: gettext("Links"), lambda c: bool(c["group"].links.all())),
    _part("conclusions", lambda c: gettext("Conclusions"), lambda c: has_text(c["group"], "conclusions")),
)
CATALOGUE = {part.name: part for part in GROUP_PARTS}

# The shape every report of a working group had before compositions: it stays the default.
DEFAULT_COMPOSITION = (
    Row("introduction"),
    Row("composition"),
    Row("work"),
    Row("objectives", within=True),
    Row("activities", within=True),
    Row("outputs", within=True),
    Row("financing", within=True),
    Row("previous"),
    Row("progress", print_empty=True),  # "The group reported no progress in this round."
    Row("events"),
    Row("figures"),
    Row("plan"),
    Row("links"),
    Row("conclusions"),
)

# What the admin calls each part when the secretariat composes a document.
TITLES = {
    "introduction": _("Introduction"),
    "composition": _("Composition of the group (countries, secretariat, bodies, council)"),
    "coordinating": _("Coordinating countries, as a numbered item"),
    "members": _("Member countries, as a numbered item"),
    "secretariat": _("Technical secretariat, as a numbered item"),
    "participating": _("Participating bodies, as a numbered item"),
    "council": _("Council"),
    "work": _("Programme of work (a heading over the parts inside it)"),
    "objectives": _("General and specific objectives"),
    "specific_objectives": _("Specific objectives as a table of titles and descriptions"),
    "activities": _("Activities, programme areas and action lines"),
    "outputs": _("Outputs and agencies responsible"),
    "financing": _("Budget and financing"),
    "previous": _("Results of the previous programme"),
    "progress": _("Progress to date"),
    "programme": _('Programme of activities (with "In charge")'),
    "events": _("Events held"),
    "figures": _("Figures"),
    "plan": _("Plan of activities"),
    "links": _("Links"),
    "conclusions": _("Conclusions"),
}
