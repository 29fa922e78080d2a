"""The admin's deletion of what the history of progress points at (a group report, a round, an
activity, a progress entry): refused, and the confirmation page says why in the clerk's
language, listing the records that protect it."""

from django.utils.text import capfirst

from reporting.models import ProgressChange


class HistoryProtectedAdmin:
    """A ModelAdmin mixin. Django lists a protected record's history also as objects the clerk
    "has no permission to delete" (nobody may delete history), and shows that message instead
    of the real reason; when something is protected, only the protection is said."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected) + self.protected_by_history(objs)
        return deleted, counts, set() if protected else perms_needed, protected

    def protected_by_history(self, objs) -> list[str]:
        """Records that protect `objs` beyond the foreign keys Django follows itself."""
        return []


class EntryHistoryProtectedAdmin(HistoryProtectedAdmin):
    """A progress entry is protected by its activity's history in its round, as a foreign key
    with PROTECT would protect it (ProgressEntry.delete refuses the same)."""

    def protected_by_history(self, objs) -> list[str]:
        label = capfirst(ProgressChange._meta.verbose_name)
        return [f"{label}: {change}" for entry in objs for change in entry.history()]
