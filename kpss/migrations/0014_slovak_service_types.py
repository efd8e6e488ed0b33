# The kinds of social service of the Slovak act 448/2008 Z. z. (§ 12 and the sections defining them).

from django.db import migrations

# (section, name, group of § 12 (1)). Checked against public pages citing the act; § 24b, 24c, 28,
# 29, 45, 53, 55 and 57 could not be checked against the act's text from here (see the note on issue 15).
SLOVAK_SERVICE_TYPES = [
    ("24a", "terénna sociálna služba krízovej intervencie", "crisis"),
    ("24b", "nízkoprahové denné centrum", "crisis"),
    ("24c", "integračné centrum", "crisis"),
    ("24d", "komunitné centrum", "crisis"),
    ("25", "nocľaháreň", "crisis"),
    ("26", "útulok", "crisis"),
    ("27", "domov na polceste", "crisis"),
    ("28", "nízkoprahová sociálna služba pre deti a rodinu", "crisis"),
    ("29", "zariadenie núdzového bývania", "crisis"),
    ("31", "pomoc pri osobnej starostlivosti o dieťa a podpora zosúlaďovania rodinného života a pracovného života", "family"),
    ("32", "zariadenie dočasnej starostlivosti o deti", "family"),
    ("32b", "zariadenie starostlivosti o deti do troch rokov veku dieťaťa", "family"),
    ("33", "služba včasnej intervencie", "family"),
    ("34", "zariadenie podporovaného bývania", "dependency"),
    ("35", "zariadenie pre seniorov", "dependency"),
    ("36", "zariadenie opatrovateľskej služby", "dependency"),
    ("37", "rehabilitačné stredisko", "dependency"),
    ("38", "domov sociálnych služieb", "dependency"),
    ("39", "špecializované zariadenie", "dependency"),
    ("40", "denný stacionár", "dependency"),
    ("41", "opatrovateľská služba", "dependency"),
    ("42", "prepravná služba", "dependency"),
    ("43", "sprievodcovská služba a predčitateľská služba", "dependency"),
    ("44", "tlmočnícka služba", "dependency"),
    ("45", "sprostredkovanie tlmočníckej služby", "dependency"),
    ("46", "sprostredkovanie osobnej asistencie", "dependency"),
    ("47", "požičiavanie pomôcok", "dependency"),
    ("52", "monitorovanie a signalizácia potreby pomoci", "telecom"),
    ("53", "krízová pomoc poskytovaná prostredníctvom telekomunikačných technológií", "telecom"),
    ("54", "odľahčovacia služba", "support"),
    ("55", "pomoc pri zabezpečení opatrovníckych práv a povinností", "support"),
    ("56", "denné centrum", "support"),
    ("57", "podpora samostatného bývania", "support"),
    ("58", "jedáleň", "support"),
    ("59", "práčovňa", "support"),
    ("60", "stredisko osobnej hygieny", "support"),
]


def add_slovak_types(apps, schema_editor):
    ServiceType = apps.get_model("kpss", "ServiceType")
    for section, name, category in SLOVAK_SERVICE_TYPES:
        ServiceType.objects.update_or_create(country="SK", section=section,
                                             defaults={"name": name, "category": category})


def remove_slovak_types(apps, schema_editor):
    apps.get_model("kpss", "ServiceType").objects.filter(country="SK").delete()


class Migration(migrations.Migration):
    dependencies = [("kpss", "0013_country")]
    operations = [migrations.RunPython(add_slovak_types, remove_slovak_types)]
