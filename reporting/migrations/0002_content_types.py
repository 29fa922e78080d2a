"""The moved models' content types follow them: renamed from activities to reporting, so that
their permissions (held by the Secretariat group and by users) and the admin's log entries
keep pointing at them."""
from django.db import migrations

MOVED = ("reportinground", "progressentry", "groupreport", "progresschange", "roundreminder")


def _rename(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        # A content type created for the new label before this ran (none is, in a normal
        # migrate) holds no one's permission yet: the old one, which may, wins.
        if ContentType.objects.filter(app_label=old, model=model).exists():
            ContentType.objects.filter(app_label=new, model=model).delete()
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    _rename(apps, "activities", "reporting")


def backwards(apps, schema_editor):
    _rename(apps, "reporting", "activities")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reporting", "0001_initial"),
        ("activities", "0004_reporting_models_moved"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
