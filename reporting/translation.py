"""Texts of the reporting workflow that readers see, in English and Spanish."""

from modeltranslation.translator import TranslationOptions, register

from .models import Evidence, GroupReport, ProgressEntry, Proposal


@register(ProgressEntry)
class ProgressEntryTranslation(TranslationOptions):
    fields = ("remarks",)


@register(GroupReport)
class GroupReportTranslation(TranslationOptions):
    fields = ("output_as_reported", "progress_narrative", "obstacles", "gender_notes")


@register(Evidence)
class EvidenceTranslation(TranslationOptions):
    fields = ("title",)


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("end_reason",)
