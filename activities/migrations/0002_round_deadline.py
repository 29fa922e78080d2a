from django.db import migrations


class Migration(migrations.Migration):
    """A round's closing date is its deadline for submissions; its status is tracked apart."""

    dependencies = [("activities", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(model_name="reportinground", name="round_closes_after_opening"),
        migrations.RenameField(model_name="reportinground", old_name="closes_on", new_name="deadline"),
    ]
