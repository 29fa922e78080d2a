"""The admin's autocomplete answers: an institution is offered with its country and code, for
three national institutes share a name ("Instituto Nacional de Estadística (INE)") and only
those tell them apart; anything else as Django labels it."""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView

from core.bilingual import shown
from groups.models import Institution


def institution_label(institution) -> str:
    """ "Instituto Nacional de Estadística (INE) — Chile · INE@CHL", in the reader's language."""
    parts = [str(institution)]
    if institution.country_id:
        parts.append(f" — {shown(institution.country, 'name').text}")
    return "".join(parts) + f" · {institution.code}"


class PortalAutocomplete(AutocompleteJsonView):
    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.select_related("country") if queryset.model is Institution else queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Institution):
            result["text"] = institution_label(obj)
        return result
