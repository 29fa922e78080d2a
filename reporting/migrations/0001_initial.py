"""The reporting workflow's models, moved here from activities/ without touching the database:
the tables keep their names (activities_reportinground, ...), so this migration only tells
Django's state where the models now live (activities 0004 removes them from there)."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('activities', '0003_round_status_history_reminders'),
        ('groups', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
            migrations.CreateModel(
                name='ReportingRound',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.PositiveSmallIntegerField(help_text='2 for the second report on the programme.', validators=[django.core.validators.MinValueValidator(1)], verbose_name='report number')),
                    ('opens_on', models.DateField(verbose_name='opening date')),
                    ('deadline', models.DateField(help_text='The last day for the groups to submit their progress.', verbose_name='deadline')),
                    ('status', models.CharField(choices=[('planned', 'not yet open'), ('open', 'open'), ('closed', 'closed')], default='planned', editable=False, max_length=10, verbose_name='status')),
                    ('opened_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='opened at')),
                    ('closed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='closed at')),
                    ('meeting', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='reporting_round', to='groups.meeting', verbose_name='Executive Committee meeting')),
                    ('programme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rounds', to='groups.programme', verbose_name='programme')),
                ],
                options={
                    'verbose_name': 'reporting round',
                    'verbose_name_plural': 'reporting rounds',
                    'db_table': 'activities_reportinground',
                    'ordering': ['programme', 'number'],
                    'permissions': [('open_close_reportinground', 'Can open and close reporting rounds')],
                },
            ),
            migrations.CreateModel(
                name='ProgressEntry',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('percent', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='progress (percentage)')),
                    ('remarks', models.TextField(blank=True, verbose_name='remarks')),
                    ('remarks_en', models.TextField(blank=True, null=True, verbose_name='remarks')),
                    ('remarks_es', models.TextField(blank=True, null=True, verbose_name='remarks')),
                    ('activity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress', to='activities.activity', verbose_name='activity')),
                    ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='reporting.reportinground', verbose_name='reporting round')),
                ],
                options={
                    'verbose_name': 'progress entry',
                    'verbose_name_plural': 'progress entries',
                    'db_table': 'activities_progressentry',
                    'ordering': ['round', 'activity__group__number', 'activity__order'],
                },
            ),
            migrations.CreateModel(
                name='GroupReport',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('output_as_reported', models.CharField(blank=True, help_text='Only when the report titles the output differently from the programme.', max_length=400, verbose_name='output as titled in the report')),
                    ('output_as_reported_en', models.CharField(blank=True, help_text='Only when the report titles the output differently from the programme.', max_length=400, null=True, verbose_name='output as titled in the report')),
                    ('output_as_reported_es', models.CharField(blank=True, help_text='Only when the report titles the output differently from the programme.', max_length=400, null=True, verbose_name='output as titled in the report')),
                    ('obstacles', models.TextField(blank=True, verbose_name='main obstacles')),
                    ('obstacles_en', models.TextField(blank=True, null=True, verbose_name='main obstacles')),
                    ('obstacles_es', models.TextField(blank=True, null=True, verbose_name='main obstacles')),
                    ('gender_notes', models.TextField(blank=True, verbose_name='mainstreaming of the gender perspective')),
                    ('gender_notes_en', models.TextField(blank=True, null=True, verbose_name='mainstreaming of the gender perspective')),
                    ('gender_notes_es', models.TextField(blank=True, null=True, verbose_name='mainstreaming of the gender perspective')),
                    ('status', models.CharField(choices=[('not_started', 'not started'), ('draft', 'draft'), ('submitted', 'submitted'), ('returned', 'returned with comments'), ('accepted', 'accepted')], default='not_started', max_length=12, verbose_name='status')),
                    ('review_comment', models.TextField(blank=True, help_text="Why the report was returned, for the group's focal points.", verbose_name="secretariat's comment")),
                    ('version', models.PositiveIntegerField(default=0, editable=False, verbose_name='version')),
                    ('updated_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last saved at')),
                    ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted at')),
                    ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='round_reports', to='groups.workinggroup', verbose_name='working group')),
                    ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='last saved by')),
                    ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='group_reports', to='reporting.reportinground', verbose_name='reporting round')),
                ],
                options={
                    'verbose_name': 'group report',
                    'verbose_name_plural': 'group reports',
                    'db_table': 'activities_groupreport',
                    'ordering': ['round', 'group__number'],
                    'permissions': [('review_groupreport', "Can return or accept a group's report")],
                },
            ),
            migrations.CreateModel(
                name='RoundReminder',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('opened', 'round opened'), ('deadline', 'deadline approaching')], max_length=10, verbose_name='kind')),
                    ('sent_at', models.DateTimeField(verbose_name='sent at')),
                    ('recipients', models.TextField(blank=True, verbose_name='recipients')),
                    ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='groups.workinggroup', verbose_name='working group')),
                    ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='reporting.reportinground', verbose_name='reporting round')),
                ],
                options={
                    'verbose_name': 'reminder',
                    'verbose_name_plural': 'reminders',
                    'db_table': 'activities_roundreminder',
                },
            ),
            migrations.CreateModel(
                name='ProgressChange',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('field', models.CharField(max_length=30, verbose_name='field')),
                    ('old_value', models.TextField(blank=True, verbose_name='old value')),
                    ('new_value', models.TextField(blank=True, verbose_name='new value')),
                    ('changed_at', models.DateTimeField(verbose_name='changed at')),
                    ('source', models.CharField(choices=[('form', 'progress form'), ('admin', 'administration'), ('import', 'spreadsheet import')], max_length=10, verbose_name='made in')),
                    ('version', models.PositiveIntegerField(verbose_name='report version')),
                    ('activity', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='activities.activity', verbose_name='activity')),
                    ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                    ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='reporting.groupreport', verbose_name='group report')),
                ],
                options={
                    'verbose_name': 'change of progress',
                    'verbose_name_plural': 'history of progress',
                    'db_table': 'activities_progresschange',
                    'ordering': ['-changed_at', '-pk'],
                    'indexes': [models.Index(fields=['report', 'version'], name='activities__report__62f10c_idx')],
                },
            ),
            migrations.AddConstraint(
                model_name='reportinground',
                constraint=models.UniqueConstraint(fields=('programme', 'number'), name='round_unique_number'),
            ),
            migrations.AddConstraint(
                model_name='reportinground',
                constraint=models.CheckConstraint(condition=models.Q(('deadline__gte', models.F('opens_on'))), name='round_deadline_after_opening'),
            ),
            migrations.AddConstraint(
                model_name='reportinground',
                constraint=models.CheckConstraint(condition=models.Q(('number__gte', 1)), name='round_number_positive'),
            ),
            migrations.AddConstraint(
                model_name='reportinground',
                constraint=models.UniqueConstraint(condition=models.Q(('status', 'open')), fields=('programme',), name='round_one_open_per_programme', violation_error_message='Another round of this programme is open.'),
            ),
            migrations.AddConstraint(
                model_name='progressentry',
                constraint=models.UniqueConstraint(fields=('round', 'activity'), name='progress_one_per_activity_and_round'),
            ),
            migrations.AddConstraint(
                model_name='progressentry',
                constraint=models.CheckConstraint(condition=models.Q(('percent__gte', 0), ('percent__lte', 100)), name='progress_percent_0_100'),
            ),
            migrations.AddConstraint(
                model_name='groupreport',
                constraint=models.UniqueConstraint(fields=('round', 'group'), name='group_report_one_per_round'),
            ),
            migrations.AddConstraint(
                model_name='groupreport',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'returned'), _negated=True), models.Q(('review_comment', ''), _negated=True), _connector='OR'), name='group_report_returned_with_comment', violation_error_message='Say why the report is returned.'),
            ),
            migrations.AddConstraint(
                model_name='roundreminder',
                constraint=models.UniqueConstraint(fields=('round', 'group', 'kind'), name='reminder_sent_once'),
            ),
    
            ],
        ),
    ]
