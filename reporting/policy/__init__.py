"""Who may do what: the one place views, forms, services, imports, commands and the admin ask.
It lives beside the reporting workflow it governs; accounts/ only says whom a user works for.

Roles follow from data, not from per-user flags:
- secretariat: a member of the Secretariat group, or a superuser (core.roles); may do
  everything, for every group;
- coordinator of a group: a user whose institution (accounts.Affiliation) is a coordinating
  institution of the group; reports its progress while a round is open;
- member of a group: a user whose institution's country takes part in the group as a
  coordinating or member country; reads the group's progress;
- the system actor (core.roles.SYSTEM): a management command or the fixture loader, acting
  for whoever operates the server; allowed only what a rule below names for it;
- anyone else, anonymous visitors included: the public pages only.

Staff and the secretariat sign in with a password and a one-time code (accounts.second_factor),
and so does a focal point who turned it on: a session that has given only the password where a
code is needed holds no power here, whatever its groups and permissions say (accounts/middleware.py
sends it to the code page first). A request with an API token is not such a session: the token is
its credential."""

from enum import Enum

from accounts import second_factor
from core.roles import SystemActor, is_secretariat
from groups.models import GroupRole, WorkingGroup

from ..models import GroupReport, ProgressEntry, ReportingRound


def _an_actor(user):
    """Nobody is not an actor: a command passes core.roles.SYSTEM, never None meaning "allowed"."""
    if user is None:
        raise TypeError("No actor given: pass the user, or core.roles.SYSTEM for a command.")


def _verified(user) -> bool:
    """Not a session that still owes its second factor."""
    return not second_factor.owed(user)


def _secretariat(user) -> bool:
    """The secretariat, signed in with its second factor."""
    return is_secretariat(user) and _verified(user)


class Relation(Enum):
    SECRETARIAT = "secretariat"
    COORDINATOR = "coordinator"
    MEMBER = "member"
    NONE = "none"


def _institution(user):
    if not user.is_authenticated or isinstance(user, SystemActor):
        return None
    affiliation = getattr(user, "affiliation", None)
    return affiliation.institution if affiliation else None


def groups_of(user):
    """The groups the user coordinates or belongs to (every group, for the secretariat)."""
    if not user.is_authenticated or not _verified(user):
        return WorkingGroup.objects.none()
    if _secretariat(user):
        return WorkingGroup.objects.all()
    institution = _institution(user)
    if institution is None:
        return WorkingGroup.objects.none()
    coordinated = GroupRole.objects.filter(role=GroupRole.Role.COORDINATING, institution=institution)
    of_country = WorkingGroup.objects.of_country(institution.country_id)
    return WorkingGroup.objects.filter(pk__in=coordinated.values("group")) | of_country


def relation(user, group) -> Relation:
    """How the user stands towards the group (uses the group's prefetched roles when present)."""
    if not user.is_authenticated or not user.is_active or not _verified(user):
        return Relation.NONE
    if _secretariat(user):
        return Relation.SECRETARIAT
    institution = _institution(user)
    if institution is None:
        return Relation.NONE
    roles = group.roles.all()
    if any(r.role == GroupRole.Role.COORDINATING and r.institution_id == institution.pk for r in roles):
        return Relation.COORDINATOR
    if institution.country_id and any(
        r.role in GroupRole.COUNTRY_ROLES and r.country_id == institution.country_id for r in roles
    ):
        return Relation.MEMBER
    return Relation.NONE


def can_view_progress(user, group) -> bool:
    """The group's progress pages: its report in a round and the history of changes."""
    return relation(user, group) is not Relation.NONE


def can_edit_progress(user, group, reporting_round: ReportingRound, report: GroupReport | None) -> bool:
    """Change the group's percentages, remarks and notes (the form, a workbook, or the system
    actor's import_progress command) while the round is open."""
    _an_actor(user)
    if not reporting_round.is_open or group.programme_id != reporting_round.programme_id:
        return False
    if isinstance(user, SystemActor):
        return True
    who = relation(user, group)
    if who is Relation.SECRETARIAT:
        return True
    status = report.status if report else GroupReport.Status.NOT_STARTED
    return who is Relation.COORDINATOR and status in GroupReport.EDITABLE


def can_correct_closed_round(user, group, reporting_round: ReportingRound) -> bool:
    """Enter or correct the narrative and figures of a closed round (a past round recorded after
    the fact, or a mistake found later): the secretariat, each change recorded as its correction
    with the reason it types. Nobody reopens the round, so focal points, who change a round only
    while it is open, still cannot; issued documents keep the bytes they were issued with."""
    _an_actor(user)
    return (
        reporting_round.status == ReportingRound.Status.CLOSED
        and group.programme_id == reporting_round.programme_id
        and not isinstance(user, SystemActor)
        and relation(user, group) is Relation.SECRETARIAT
    )


def can_attach_evidence(user, group, reporting_round, report) -> bool:
    """Attach files or links to the group's report in the round, or remove them: whoever may
    change its progress then."""
    return can_edit_progress(user, group, reporting_round, report)


def can_view_evidence(user, evidence) -> bool:
    """Evidence of a published report (or of a closed round): anyone; until then, whoever may
    read the group's progress."""
    return evidence.report.is_published or can_view_progress(user, evidence.report.group)


def can_review(user) -> bool:
    """Return a submitted report with a comment, or accept it; see every group's status."""
    return _secretariat(user)


def can_submit(user, group, reporting_round: ReportingRound, report: GroupReport | None) -> bool:
    """Submit the group report to the secretariat: the group's focal points, while they may
    change it. The secretariat does not submit to itself: it corrects a report (the form's save)
    and accepts or returns it."""
    return relation(user, group) is Relation.COORDINATOR and can_edit_progress(
        user, group, reporting_round, report
    )


def can_read_comments(user, group) -> bool:
    """The conversation about a group report: the secretariat and the group's focal points, the
    two sides of it (members of the group read the progress, not the exchange about it)."""
    return relation(user, group) in (Relation.SECRETARIAT, Relation.COORDINATOR)


def can_comment(user, group, reporting_round: ReportingRound) -> bool:
    """Write in that conversation, whatever the group report's status, while the round is open."""
    _an_actor(user)
    return (
        reporting_round.is_open
        and group.programme_id == reporting_round.programme_id
        and can_read_comments(user, group)
    )


def can_open_or_close_rounds(user) -> bool:
    return bool(user.is_active and _verified(user) and user.has_perm("reporting.open_close_reportinground"))


def can_issue(user) -> bool:
    """Issue a document: render its PDFs once and for all, and serve those bytes from then on."""
    return bool(user.is_active and _verified(user) and user.has_perm("reports.issue_document"))


def can_change_in_admin(user) -> bool:
    """Progress of any round, closed ones included, through the admin (the change is recorded)."""
    return _secretariat(user)


def can_import_in_admin(user, model) -> bool:
    """Import a spreadsheet on the admin's list page of `model`. Progress goes into groups'
    histories, so it is the secretariat's; a group report's status moves through the review,
    never by import. Anything else needs the permissions to add and change the model."""
    if isinstance(user, SystemActor) or not (user.is_active and user.is_staff and _verified(user)):
        return False
    if model is GroupReport:
        return False
    if model is ProgressEntry:
        return can_change_in_admin(user)
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.add_{opts.model_name}") and user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def can_import_sheet(user, model) -> bool:
    """Import a sheet of `model` from the admin, or as the system actor (import_sheets, run by
    the server's operator, which may restore a whole programme). Group reports, which no admin
    list imports, come in with the documents the secretariat reads from Word (their narrative
    and status as the document has them, recorded as the secretariat's)."""
    _an_actor(user)
    if model is GroupReport and can_import_document(user):
        return True
    return isinstance(user, SystemActor) or can_import_in_admin(user, model)


def can_export_in_admin(user, model) -> bool:
    """Export the admin's list of `model`: whoever may view it there."""
    opts = model._meta
    return bool(
        user.is_active
        and user.is_staff
        and _verified(user)
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )


def can_exchange_group_workbook(user, models) -> bool:
    """Download or upload a group's workbook (its programme and report, every part in one file,
    `models` being those parts): whoever may import every one of them in the admin."""
    return all(can_import_in_admin(user, model) for model in models)


def can_exchange_translations(user) -> bool:
    """Export the texts of a document, a group or a round for the translators (XLIFF) and import
    them translated: the secretariat, which may change any text in the admin (a closed round's
    progress included, recorded), and the system actor (export_xliff, import_xliff)."""
    _an_actor(user)
    return isinstance(user, SystemActor) or can_change_in_admin(user)


def can_import_document(user) -> bool:
    """Read a document from its Word original into the portal (import_document, the documents'
    admin): what it proposes reaches every part of the programme and of the rounds, closed ones
    included, so it is the secretariat's, and the system actor's (the command)."""
    _an_actor(user)
    return isinstance(user, SystemActor) or can_change_in_admin(user)


def can_exchange_workbook(user, group, reporting_round) -> bool:
    """Download a group's progress workbook for a round: the secretariat, and the focal points
    of the group's coordinating institutions, while the round is open."""
    return (
        reporting_round.is_open
        and group.programme_id == reporting_round.programme_id
        and relation(user, group) in (Relation.SECRETARIAT, Relation.COORDINATOR)
    )


def can_manage_people(user) -> bool:
    """Users' accounts in the admin: add one, set the institution they work for, reset their
    second factor. The secretariat; only a superuser may touch a superuser's account or make
    one (backoffice/admin/accounts.py)."""
    return _secretariat(user)


def can_reset_second_factor(user, other) -> bool:
    """Forget another user's devices (a lost phone): they enrol again at their next log-in.
    Never one's own, which would end one's own verified session's proof."""
    return can_manage_people(user) and other.pk != user.pk and (user.is_superuser or not other.is_superuser)


# The drafting of the next programme: its rules live beside, on the same relations.
from .drafting import (  # noqa: E402
    can_comment_proposal,
    can_edit_proposal,
    can_manage_drafting,
    can_propose_new_group,
    can_read_group,
    can_read_programme,
    can_read_proposal_comments,
    can_review_proposal,
    can_submit_proposal,
    can_view_proposal,
    proposal_relation,
    readable_programmes,
)

__all__ = [
    "can_comment_proposal",
    "can_edit_proposal",
    "can_manage_drafting",
    "can_propose_new_group",
    "can_read_group",
    "can_read_programme",
    "can_read_proposal_comments",
    "can_review_proposal",
    "can_submit_proposal",
    "can_view_proposal",
    "proposal_relation",
    "readable_programmes",
]
