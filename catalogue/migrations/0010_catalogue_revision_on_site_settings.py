from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0009_import_scope_help"),
        ("kpss", "0015_catalogue_revision_on_site_settings"),
    ]

    operations = [
        migrations.DeleteModel(
            name="CatalogueRevision",
        ),
    ]
