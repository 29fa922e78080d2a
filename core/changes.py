"""Calling something after the records of some apps change (saved, deleted, or a many-to-many
link changed): for the layers above the domain apps, which keep copies of what those show."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save


def on_change(app_labels, callback, uid: str) -> None:
    """Call `callback(**signal_arguments)` after every such change of a model of `app_labels`."""
    for label in app_labels:
        for model in apps.get_app_config(label).get_models():
            for signal in (post_save, post_delete):
                signal.connect(callback, sender=model, dispatch_uid=f"{uid}-{model._meta.label}-{signal}")
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    callback,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}-{model._meta.label}-{field.name}",
                )
