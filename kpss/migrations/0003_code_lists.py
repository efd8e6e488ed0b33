"""The national code lists: types of social services (law 108/2006 Sb.) and target groups.

Registry codes (DruhSocialniSluzby/N) are filled in where known; the coordinator can add the rest
and any type the list lacks in admin.
"""

from django.db import migrations

COUNSELLING, CARE, PREVENTION = "counselling", "care", "prevention"
SERVICE_TYPES = [
    ("37", "sociální poradenství", COUNSELLING, "DruhSocialniSluzby/1"),
    ("39", "osobní asistence", CARE, "DruhSocialniSluzby/3"),
    ("40", "pečovatelská služba", CARE, "DruhSocialniSluzby/4"),
    ("41", "tísňová péče", CARE, "DruhSocialniSluzby/5"),
    ("42", "průvodcovské a předčitatelské služby", CARE, "DruhSocialniSluzby/6"),
    ("43", "podpora samostatného bydlení", CARE, ""),
    ("44", "odlehčovací služby", CARE, "DruhSocialniSluzby/8"),
    ("45", "centra denních služeb", CARE, "DruhSocialniSluzby/9"),
    ("46", "denní stacionáře", CARE, "DruhSocialniSluzby/10"),
    ("47", "týdenní stacionáře", CARE, "DruhSocialniSluzby/11"),
    ("48", "domovy pro osoby se zdravotním postižením", CARE, "DruhSocialniSluzby/12"),
    ("49", "domovy pro seniory", CARE, "DruhSocialniSluzby/13"),
    ("50", "domovy se zvláštním režimem", CARE, "DruhSocialniSluzby/14"),
    ("51", "chráněné bydlení", CARE, "DruhSocialniSluzby/15"),
    ("52", "sociální služby poskytované ve zdravotnických zařízeních lůžkové péče", CARE, ""),
    ("54", "raná péče", PREVENTION, ""),
    ("55", "telefonická krizová pomoc", PREVENTION, "DruhSocialniSluzby/18"),
    ("56", "tlumočnické služby", PREVENTION, "DruhSocialniSluzby/19"),
    ("57", "azylové domy", PREVENTION, ""),
    ("58", "domy na půl cesty", PREVENTION, ""),
    ("59", "kontaktní centra", PREVENTION, ""),
    ("60", "krizová pomoc", PREVENTION, "DruhSocialniSluzby/23"),
    ("60a", "intervenční centra", PREVENTION, ""),
    ("61", "nízkoprahová denní centra", PREVENTION, ""),
    ("62", "nízkoprahová zařízení pro děti a mládež", PREVENTION, ""),
    ("63", "noclehárny", PREVENTION, ""),
    ("64", "služby následné péče", PREVENTION, ""),
    ("65", "sociálně aktivizační služby pro rodiny s dětmi", PREVENTION, "DruhSocialniSluzby/28"),
    ("66", "sociálně aktivizační služby pro seniory a osoby se zdravotním postižením", PREVENTION,
     "DruhSocialniSluzby/29"),
    ("67", "sociálně terapeutické dílny", PREVENTION, "DruhSocialniSluzby/30"),
    ("68", "terapeutické komunity", PREVENTION, ""),
    ("69", "terénní programy", PREVENTION, "DruhSocialniSluzby/32"),
    ("70", "sociální rehabilitace", PREVENTION, "DruhSocialniSluzby/33"),
]
# Target groups as the registry of social-service providers names them.
TARGET_GROUPS = [
    "senioři",
    "osoby se zdravotním postižením",
    "osoby s tělesným postižením",
    "osoby s mentálním postižením",
    "osoby s kombinovaným postižením",
    "osoby se zrakovým postižením",
    "osoby se sluchovým postižením",
    "osoby s chronickým onemocněním",
    "osoby s chronickým duševním onemocněním",
    "rodiny s dítětem/dětmi",
    "děti a mládež ve věku od 6 do 26 let ohrožené společensky nežádoucími jevy",
    "osoby do 26 let věku opouštějící školská zařízení pro výkon ústavní péče",
    "osoby bez přístřeší",
    "osoby v krizi",
    "osoby žijící v sociálně vyloučených komunitách",
    "osoby, které vedou rizikový způsob života nebo jsou tímto způsobem života ohroženy",
    "osoby ohrožené závislostí nebo závislé na návykových látkách",
    "oběti domácího násilí",
    "oběti trestné činnosti",
    "oběti obchodu s lidmi",
    "pachatelé trestné činnosti",
    "etnické menšiny",
    "imigranti a azylanti",
    "pečující osoby",
    "jiná skupina osob",
]


def add_code_lists(apps, schema_editor):
    ServiceType = apps.get_model("kpss", "ServiceType")
    TargetGroup = apps.get_model("kpss", "TargetGroup")
    for section, name, category, registry_code in SERVICE_TYPES:
        ServiceType.objects.update_or_create(
            section=section, defaults={"name": name, "category": category, "registry_code": registry_code},
        )
    for order, name in enumerate(TARGET_GROUPS, start=1):
        TargetGroup.objects.update_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("kpss", "0002_servicetype_targetgroup_actionlog")]
    operations = [migrations.RunPython(add_code_lists, migrations.RunPython.noop)]
