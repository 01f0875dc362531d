"""Mention (and its history) joins ``articles``, taken over from ``entities``.

State only: the tables stay ``entities_mention`` and ``entities_historicalmention``
with their indexes and constraints, no row moves. It runs after entities 0005
(which drops the models from the entities state), so the dependency points one
way: articles on entities. 0032 re-points the content types (and so the
permissions the groups hold).
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0030_published_claim_sitemap_index'),
        ('entities', '0005_mention_moves_to_articles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalMention',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('start', models.PositiveIntegerField(blank=True, editable=False, help_text='Offset of the first character of the span in the body.', null=True, verbose_name='start')),
                        ('end', models.PositiveIntegerField(blank=True, editable=False, help_text='Offset just after the last character of the span.', null=True, verbose_name='end')),
                        ('exact', models.TextField(blank=True, help_text='The exact text of the span, as it stands in the body.', verbose_name='text')),
                        ('prefix', models.CharField(blank=True, editable=False, help_text='Text just before the span, used to find it again after edits.', max_length=64, verbose_name='prefix')),
                        ('suffix', models.CharField(blank=True, editable=False, help_text='Text just after the span, used to find it again after edits.', max_length=64, verbose_name='suffix')),
                        ('anchor_state', models.CharField(choices=[('anchored', 'Anchored'), ('moved', 'Moved — check'), ('orphaned', 'Orphaned')], default='anchored', editable=False, help_text='Whether the span was found again after the body was edited.', max_length=16, verbose_name='anchor')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                        ('origin', models.CharField(choices=[('suggested', 'Suggested'), ('manual', 'Manual')], default='manual', help_text='Whether the assistant suggested it or an editor added it.', max_length=16, verbose_name='origin')),
                        ('suggestion_state', models.CharField(choices=[('suggested', 'Suggested'), ('confirmed', 'Confirmed'), ('rejected', 'Rejected')], default='confirmed', help_text='Suggestions wait for an editor to accept or reject them; only confirmed ones are shown to readers or reviewed.', max_length=16, verbose_name='suggestion state')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised by one on every save; a stale form is refused.', verbose_name='version')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('article', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.article', verbose_name='article')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('entity', models.ForeignKey(blank=True, db_constraint=False, help_text='The entity this text names.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='entities.entity', verbose_name='entity')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical mention',
                        'verbose_name_plural': 'historical mentions',
                        'db_table': 'entities_historicalmention',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Mention',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('start', models.PositiveIntegerField(blank=True, editable=False, help_text='Offset of the first character of the span in the body.', null=True, verbose_name='start')),
                        ('end', models.PositiveIntegerField(blank=True, editable=False, help_text='Offset just after the last character of the span.', null=True, verbose_name='end')),
                        ('exact', models.TextField(blank=True, help_text='The exact text of the span, as it stands in the body.', verbose_name='text')),
                        ('prefix', models.CharField(blank=True, editable=False, help_text='Text just before the span, used to find it again after edits.', max_length=64, verbose_name='prefix')),
                        ('suffix', models.CharField(blank=True, editable=False, help_text='Text just after the span, used to find it again after edits.', max_length=64, verbose_name='suffix')),
                        ('anchor_state', models.CharField(choices=[('anchored', 'Anchored'), ('moved', 'Moved — check'), ('orphaned', 'Orphaned')], default='anchored', editable=False, help_text='Whether the span was found again after the body was edited.', max_length=16, verbose_name='anchor')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('origin', models.CharField(choices=[('suggested', 'Suggested'), ('manual', 'Manual')], default='manual', help_text='Whether the assistant suggested it or an editor added it.', max_length=16, verbose_name='origin')),
                        ('suggestion_state', models.CharField(choices=[('suggested', 'Suggested'), ('confirmed', 'Confirmed'), ('rejected', 'Rejected')], default='confirmed', help_text='Suggestions wait for an editor to accept or reject them; only confirmed ones are shown to readers or reviewed.', max_length=16, verbose_name='suggestion state')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised by one on every save; a stale form is refused.', verbose_name='version')),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mentions', to='articles.article', verbose_name='article')),
                        ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('entity', models.ForeignKey(help_text='The entity this text names.', on_delete=django.db.models.deletion.CASCADE, related_name='mentions', to='entities.entity', verbose_name='entity')),
                    ],
                    options={
                        'verbose_name': 'mention',
                        'verbose_name_plural': 'mentions',
                        'db_table': 'entities_mention',
                        'ordering': ['article', 'start'],
                        'indexes': [models.Index(fields=['entity', 'suggestion_state'], name='mention_entity_suggestion_idx'), models.Index(fields=['article', 'suggestion_state'], name='mention_article_suggestion_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('end__isnull', True), ('start__isnull', True)), ('start__lt', models.F('end')), _connector='OR'), name='mention_span_start_before_end'), models.UniqueConstraint(fields=('article', 'entity', 'start', 'end'), name='mention_unique_span_per_entity')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
