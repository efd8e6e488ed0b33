from django.db import migrations


def add_trigram_index(apps, schema_editor):
    """On PostgreSQL the filters of target group, age group and form (LIKE '% tg:24 %' on the
    filter key) join the search's trigram index, so a search with filters reads from the table only
    the rows it lists (at national size: 74 pages of the table instead of 498)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE INDEX catalogue_service_filter_key_trgm ON catalogue_service "
                          "USING gin (filter_key gin_trgm_ops)")


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalogue_service_filter_key_trgm")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_filter_choices_revision")]

    operations = [migrations.RunPython(add_trigram_index, drop_trigram_index)]
