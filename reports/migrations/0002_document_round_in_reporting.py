"""Document.round now points at reporting.ReportingRound: the same table, so only Django's
state changes."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0001_initial"),
        ("reporting", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="document",
                    name="round",
                    field=models.ForeignKey(
                        blank=True, help_text="For a report on the implementation and for a working group's report.",
                        null=True, on_delete=django.db.models.deletion.PROTECT, related_name="documents",
                        to="reporting.reportinground", verbose_name="reporting round"),
                ),
            ],
        ),
    ]
