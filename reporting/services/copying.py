"""A group copied into the next programme: what a continuing group's proposal starts from. The
group's texts, roles, objectives with their areas and action lines, topic headings, outputs
with their agencies, plan rows and financing are copied in both languages; its activities are
not: the focal points carry forward the unfinished ones they choose (proposals.proposal_carry),
each linked to the activity it continues. Network records (events, figures, links) are reports
of the past programme and stay with it."""

from activities.models import Activity, Objective, Output, PlanRow, Topic
from groups.models import FinancingSource, GroupRole, WorkingGroup


def _copy(instance, **changes):
    """A saved copy of `instance` (every field, both languages) with `changes` applied."""
    instance.pk = None
    instance.id = None
    instance._state.adding = True
    # What was prefetched is the original's: a many-to-many set() on the copy would read it as
    # the copy's own links and add none.
    instance.__dict__.pop("_prefetched_objects_cache", None)
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.save()
    return instance


def _copy_objectives(source, group) -> dict:
    objectives = {}
    for objective in Objective.objects.filter(group=source).prefetch_related("areas__action_lines"):
        areas = list(objective.areas.all())
        old_pk = objective.pk
        objectives[old_pk] = _copy(objective, group=group)
        for area in areas:
            lines = list(area.action_lines.all())
            new_area = _copy(area, objective=objectives[old_pk])
            for line in lines:
                _copy(line, area=new_area)
    return objectives


def _copy_outputs(source, group, objectives) -> dict:
    outputs = {}
    for output in Output.objects.filter(group=source).prefetch_related("institutions"):
        institutions = list(output.institutions.all())
        old_pk = output.pk
        outputs[old_pk] = _copy(output, group=group, objective_id=objectives.get(output.objective_id))
        outputs[old_pk].institutions.set(institutions)
    return outputs


def _copy_plan(source, group, objectives, outputs) -> None:
    for row in PlanRow.objects.filter(group=source).prefetch_related("outputs"):
        named = [outputs[o.pk] for o in row.outputs.all() if o.pk in outputs]
        new_row = _copy(row, group=group, objective_id=objectives.get(row.objective_id))
        new_row.outputs.set(named)


def group_copy(source: WorkingGroup, programme, *, number: int | None = None) -> WorkingGroup:
    """`source` copied into `programme` (at its own position unless `number`), continuing it.
    Call inside the transaction that makes the proposal."""
    source = WorkingGroup.objects.get(pk=source.pk)  # a fresh instance: _copy changes it
    roles = list(GroupRole.objects.filter(group=source))
    topics = list(Topic.objects.filter(group=source))
    financing = list(FinancingSource.objects.filter(group=source))
    group = _copy(
        WorkingGroup.objects.get(pk=source.pk),
        programme=programme,
        number=number or source.number,
        continues=source,
    )
    for role in roles:
        _copy(role, group=group)
    for topic in topics:
        _copy(topic, group=group)
    for row in financing:
        _copy(row, group=group)
    objectives = {old: new.pk for old, new in _copy_objectives(source, group).items()}
    outputs = _copy_outputs(source, group, objectives)
    _copy_plan(source, group, objectives, outputs)
    return group


def activity_carry(activity: Activity, group: WorkingGroup, *, order: int) -> Activity:
    """`activity` carried into `group` (of the next programme) as its activity number `order`:
    its texts in both languages, linked to it. Its months are left for the focal points to give,
    since the old ones fall in the old programme's years; its objective and topic are the copies
    of its own in `group`, matched by their order, when the group has them."""
    objective = (
        Objective.objects.filter(
            group=group, kind=activity.objective.kind, order=activity.objective.order
        ).first()
        if activity.objective_id
        else None
    )
    topic = (
        Topic.objects.filter(group=group, order=activity.topic.order).first() if activity.topic_id else None
    )
    carried = Activity.objects.get(pk=activity.pk)
    return _copy(
        carried,
        group=group,
        order=order,
        plan_no=None,
        objective=objective,
        topic=topic,
        start_month=None,
        end_month=None,
        continues=activity,
        **dict.fromkeys(_phrase_fields(), ""),
    )


def _phrase_fields() -> list[str]:
    from modeltranslation.utils import build_localized_fieldname

    from core.bilingual import LANGUAGES

    return [build_localized_fieldname(f, lang) for f in ("start_text", "end_text") for lang in LANGUAGES] + [
        "start_text",
        "end_text",
    ]
