import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("kpss", "0014_slovak_service_types"),
    ]

    operations = [
        migrations.AddField(
            model_name="sitesettings",
            name="catalogue_revision",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
    ]
