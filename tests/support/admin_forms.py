"""Builds the POST data a browser would send from an admin change form as rendered."""


def _field_value(bound_field):
    value = bound_field.value()
    widget = bound_field.field.widget
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if hasattr(widget, "format_value") and not isinstance(value, (bool, int, str)):
        formatted = widget.format_value(value)
        return "" if formatted is None else formatted
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


def _form_data(form, data):
    # An unticked box is posted as "", which CheckboxInput reads as False like a browser's omission.
    for name in form.fields:
        bound = form[name]
        data[bound.html_name] = _field_value(bound)


def post_data_from(response):
    """The data of the admin form in `response` (main form and every inline)."""
    data = {}
    _form_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form_data(formset.management_form, data)
        for form in formset.forms:
            _form_data(form, data)
    return data
