"""The reporting workflow's models left for reporting/ (see reporting 0001): removed from
Django's state only; their tables stay, and now belong to reporting."""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("activities", "0003_round_status_history_reminders"),
        ("reporting", "0001_initial"),
        ("reports", "0002_document_round_in_reporting"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="ProgressChange"),
                migrations.DeleteModel(name="RoundReminder"),
                migrations.DeleteModel(name="ProgressEntry"),
                migrations.DeleteModel(name="GroupReport"),
                migrations.DeleteModel(name="ReportingRound"),
            ],
        ),
    ]
