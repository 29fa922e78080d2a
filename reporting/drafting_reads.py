"""What the drafting pages, documents and API read about proposals: the activities a group may
carry forward, the warnings shown before submitting and to the reviewer, and an activity's
history across programmes (its percentages in the old rounds, its life in the new one)."""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from activities.models import Activity
from core.bilingual import LANGUAGES, has_text, missing_in

from .standing import published_entries, standings

# Below this likeness (0 to 1, difflib's ratio) a carried activity's text is no longer the one
# it continues: the reviewer is asked whether it is the same piece of work.
RECOGNIZABLE = 0.4


def carry_candidates(proposal) -> list:
    """The standings of the continued group's activities not finished at their last published
    round (below 100%, or never reported) that the proposal has not carried yet, in plan order."""
    if proposal.continues_id is None or proposal.group_id is None:
        return []
    carried = set(proposal.group.activities.exclude(continues=None).values_list("continues_id", flat=True))
    activities = (
        Activity.objects.filter(group_id=proposal.continues_id).exclude(pk__in=carried).order_by("order")
    )
    return [s for s in standings(activities) if s.percent is None or s.percent < 100]


@dataclass(frozen=True)
class Warning:
    """Something to look at before submitting or accepting; never a refusal."""

    part: str  # "activities", "outputs", "texts": where the editor fixes it
    message: str


def _texts_missing(obj, label) -> list[Warning]:
    fields = translator.get_options_for_model(type(obj)).get_field_names()
    warnings = []
    for field in fields:
        gaps = [lang for lang in LANGUAGES if missing_in(obj, field, lang)]
        if gaps and len(gaps) < len(LANGUAGES) and has_text(obj, field):
            name = type(obj)._meta.get_field(field).verbose_name
            languages = ", ".join(lang.upper() for lang in gaps)
            warnings.append(
                Warning(
                    "texts",
                    _("%(what)s: %(field)s is missing in %(languages)s.")
                    % {"what": label, "field": name, "languages": languages},
                )
            )
    return warnings


def _likeness(carried, original) -> float:
    ratios = [
        SequenceMatcher(
            None, getattr(original, f"text_{lang}") or "", getattr(carried, f"text_{lang}") or ""
        ).ratio()
        for lang in LANGUAGES
        if getattr(original, f"text_{lang}")
    ]
    return max(ratios, default=1.0)


def _activity_warnings(activity, programme) -> list[Warning]:
    label = _("Activity %(number)s") % {"number": activity.order}
    warnings = []
    has_phrase = has_text(activity, "start_text") or has_text(activity, "end_text")
    if not (activity.start_month or activity.end_month or has_phrase):
        warnings.append(Warning("activities", _("%(what)s has no start and end months.") % {"what": label}))
    for month in (activity.start_month, activity.end_month):
        if month and not programme.contains_month(month):
            warnings.append(
                Warning(
                    "activities",
                    _("%(what)s falls outside the programme's years (%(period)s).")
                    % {"what": label, "period": programme.period},
                )
            )
            break
    if activity.continues_id and _likeness(activity, activity.continues) < RECOGNIZABLE:
        warnings.append(
            Warning(
                "activities",
                _("%(what)s is carried forward, but its text no longer resembles the activity it continues.")
                % {"what": label},
            )
        )
    return warnings + _texts_missing(activity, label)


def _output_warnings(output) -> list[Warning]:
    label = _("Output %(number)s") % {"number": output.order}
    named = output.by_coordinating_countries or output.by_member_countries or output.institutions.all()
    warnings = (
        []
        if named or has_text(output, "agency")
        else [Warning("outputs", _("%(what)s has no agency responsible.") % {"what": label})]
    )
    return warnings + _texts_missing(output, label)


def proposal_warnings(proposal) -> list[Warning]:
    """Everything worth a second look in the proposal, in the order its editor shows the parts."""
    group = proposal.group
    if group is None or proposal.ends:
        return []
    programme = group.programme
    warnings = _texts_missing(group, _("The group"))
    for objective in group.objectives.all():
        warnings += _texts_missing(objective, _("Objective %(number)s") % {"number": objective.order})
    activities = group.activities.select_related("continues").order_by("order")
    if not activities:
        warnings.append(Warning("activities", _("The proposal has no activities.")))
    for activity in activities:
        warnings += _activity_warnings(activity, programme)
    for output in group.outputs.prefetch_related("institutions").order_by("order"):
        warnings += _output_warnings(output)
    return warnings


@dataclass
class Life:
    """An activity in one programme: itself, and its published percentages round by round."""

    activity: Activity
    entries: list


def lineage(activity) -> list[Life]:
    """The piece of work `activity` belongs to, oldest programme first: the activities it
    continues, itself, and those that carry it forward, each with its published entries."""
    chain = [activity]
    while chain[0].continues_id:
        chain.insert(0, Activity.objects.select_related("group__programme").get(pk=chain[0].continues_id))
    later = chain[-1].continued_by.select_related("group__programme").first()
    while later is not None:
        chain.append(later)
        later = later.continued_by.select_related("group__programme").first()
    entries = {}
    for entry in published_entries(chain):
        entries.setdefault(entry.activity_id, []).append(entry)
    return [Life(a, entries.get(a.pk, [])) for a in chain]
