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
    for name, field in form.fields.items():
        bound = form[name]
        value = _field_value(bound)
        if value == "" and field.widget.input_type == "checkbox" if hasattr(field.widget, "input_type") else False:
            continue
        data[bound.html_name] = value


def post_data_from(response):
    """The data of the admin form in `response` (main form and every inline)."""
    data = {}
    _form_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form_data(formset.management_form, data)
        for form in formset.forms:
            _form_data(form, data)
    return {k: v for k, v in data.items() if v != "" or not k.endswith(("-DELETE",))}
