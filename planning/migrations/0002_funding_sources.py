"""Funding sources of measures, as regional plan templates list them."""

from django.db import migrations

FUNDING_SOURCES = [
    ("obec", "rozpočet obce"),
    ("kraj", "rozpočet kraje"),
    ("mpsv", "dotace MPSV (§ 101a)"),
    ("esf", "ESF+ / OPZ+"),
    ("uhrady", "úhrady uživatelů"),
    ("pojistovny", "zdravotní pojišťovny"),
    ("nadace", "nadace a dárci"),
    ("jine", "jiné zdroje"),
]


def add_funding_sources(apps, schema_editor):
    FundingSource = apps.get_model("planning", "FundingSource")
    for order, (code, name) in enumerate(FUNDING_SOURCES, start=1):
        FundingSource.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]
    operations = [migrations.RunPython(add_funding_sources, migrations.RunPython.noop)]
