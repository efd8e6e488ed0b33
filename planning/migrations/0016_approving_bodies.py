# Approving bodies and their decisions; the one council approval of existing plans moves into them.

import django.db.models.deletion
import django.utils.timezone
import kpss.files
import kpss.models
from django.conf import settings
from django.db import migrations, models


def council_approvals_to_decisions(apps, schema_editor):
    """A plan approved by its one council gets that council as its approving body, and the council's
    resolution as the body's decision on the version the steering group approved last."""
    Plan = apps.get_model("planning", "Plan")
    ApprovingBody = apps.get_model("planning", "ApprovingBody")
    Decision = apps.get_model("planning", "Decision")
    for plan in Plan.objects.exclude(council_resolution_number=""):
        version = (plan.versions.filter(reason="approval").order_by("-number").first()
                   or plan.versions.order_by("-number").first())
        if version is None:
            continue
        body = ApprovingBody.objects.create(plan=plan, name=plan.council_body or "Zastupitelstvo", kind="council")
        Decision.objects.create(
            body=body, version=version, outcome="approved", resolution_number=plan.council_resolution_number,
            decided_on=plan.council_resolution_date or plan.steering_approved_on or version.created_at.date())


def decisions_to_council_approvals(apps, schema_editor):
    """Back: a plan's first approving decision becomes its council approval."""
    Plan = apps.get_model("planning", "Plan")
    Decision = apps.get_model("planning", "Decision")
    for plan in Plan.objects.all():
        decision = Decision.objects.filter(
            body__plan=plan, outcome__in=["approved", "approved_with_changes"]).order_by("decided_on", "pk").first()
        if decision:
            Plan.objects.filter(pk=plan.pk).update(council_body=decision.body.name[:200],
                                                   council_resolution_number=decision.resolution_number,
                                                   council_resolution_date=decision.decided_on)


class Migration(migrations.Migration):

    dependencies = [
        ('kpss', '0012_target_group_registry_codes'),
        ('planning', '0015_plan_area'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ApprovingBody',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='E.g. Zastupitelstvo města Lipovec.', max_length=200, verbose_name='name')),
                ('kind', models.CharField(choices=[('council', 'council (zastupitelstvo)'), ('board', 'board (rada)'), ('assembly', 'general assembly of a union (valná hromada)'), ('municipal_council_sk', 'municipal council (obecné zastupiteľstvo)'), ('other', 'other body')], default='council', max_length=30, verbose_name='kind')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='approving_bodies', to='planning.plan', verbose_name='plan')),
                ('territory', models.ForeignKey(blank=True, help_text='The municipality or union the body decides for.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='kpss.territory', verbose_name='for the territory')),
            ],
            options={
                'verbose_name': 'approving body',
                'verbose_name_plural': 'approving bodies',
                'ordering': ['position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('outcome', models.CharField(choices=[('approved', 'approved'), ('approved_with_changes', 'approved with changes'), ('rejected', 'rejected'), ('not_discussed', 'not discussed yet')], max_length=30, verbose_name='outcome')),
                ('resolution_number', models.CharField(blank=True, help_text='E.g. ZM/12/154/2024.', max_length=100, verbose_name='resolution number')),
                ('decided_on', models.DateField(verbose_name='date of the session')),
                ('note', models.TextField(blank=True, help_text='The changes it asked for, or why it rejected the plan.', verbose_name='note')),
                ('extract', models.FileField(blank=True, max_length=255, upload_to=kpss.files.UnguessablePath('decisions'), validators=[kpss.files.FileTypeValidator('pdf')], verbose_name='extract of the resolution (PDF)')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded')),
                ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='planning.approvingbody', verbose_name='body')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='planning.planversion', verbose_name='version of the plan')),
            ],
            options={
                'verbose_name': 'decision of an approving body',
                'verbose_name_plural': 'decisions of approving bodies',
                'ordering': ['decided_on', 'pk'],
            },
        ),
        migrations.AddConstraint(
            model_name='approvingbody',
            constraint=models.UniqueConstraint(fields=('plan', 'name'), name='unique_approving_body'),
        ),
        migrations.RunPython(council_approvals_to_decisions, decisions_to_council_approvals),
        migrations.RemoveField(
            model_name='plan',
            name='council_body',
        ),
        migrations.RemoveField(
            model_name='plan',
            name='council_resolution_date',
        ),
        migrations.RemoveField(
            model_name='plan',
            name='council_resolution_number',
        ),
        migrations.AlterField(
            model_name='plan',
            name='status',
            field=models.CharField(choices=[('draft', 'draft'), ('comments', 'open for comments'), ('settling', 'settling comments'), ('steering_approved', 'approved by the steering group'), ('council_approved', 'approved by the approving bodies'), ('in_force', 'in force'), ('archived', 'archived')], default='draft', editable=False, max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='measure',
            name='service_type',
            field=models.ForeignKey(blank=True, limit_choices_to=kpss.models.of_the_country, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='measures', to='kpss.servicetype', verbose_name='service type'),
        ),
    ]
