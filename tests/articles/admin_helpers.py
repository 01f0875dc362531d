"""Submit admin change forms the way a browser would, from the rendered page."""

from django.urls import reverse

# How the admin's optimistic lock begins its refusal of a stale save.
CONFLICT = "Someone else changed this"


def _field_data(form, data):
    for bound in form:
        value = bound.value()
        name = bound.html_name
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)


def change_form_data(response, **changes):
    """POST data for the change form in ``response``, with ``changes`` applied."""
    data = {}
    _field_data(response.context["adminform"].form, data)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        _field_data(formset.management_form, data)
        for form in formset.forms:
            _field_data(form, data)
    data.update({key: str(value) for key, value in changes.items()})
    return data


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
