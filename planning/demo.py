"""Demo plans of Lipovec: the archived plan 2022–2024, the plan 2025–2027 in force, two action plans.

The current midterm plan goes through the whole lifecycle, and between the public comments and the
approval a few measures change (one edited, one added, one dropped), so its frozen versions have
something to compare. Lifecycle steps are backdated to when they would have happened, so the
versions and the history read like a real town's. `scale` multiplies only the measures of the
current midterm plan (each measure gets copies for further municipalities of the ORP).

A plan whose slug already exists is left alone, so running the command again changes nothing.
"""

import datetime
import io
import zipfile
from collections import Counter
from typing import NamedTuple
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import markdown
from django.core.files.base import ContentFile
from django.db.models import Sum
from django.utils import timezone

from groups.models import Group
from kpss.demo import OWN_PLAN_UNION
from kpss.models import ActionLog, ServiceType, TargetGroup, Territory
from planning.demo_comments import SETTLED_ROUND_COMMENTS
from planning.models import (
    Activity,
    AnalysisDocument,
    ApprovingBody,
    Chapter,
    Decision,
    FundingSource,
    Goal,
    Indicator,
    Measure,
    Plan,
    PlanPhase,
    PlanVersion,
    Priority,
    SwotItem,
)
from planning.services import record_decision

# --- names used over and over ---------------------------------------------------------------

# Target groups, as the data migration kpss/0003_code_lists names them.
SENIORS = "senioři"
DISABLED = "osoby se zdravotním postižením"
PHYSICAL = "osoby s tělesným postižením"
INTELLECTUAL = "osoby s mentálním postižením"
COMBINED = "osoby s kombinovaným postižením"
VISUAL = "osoby se zrakovým postižením"
HEARING = "osoby se sluchovým postižením"
CHRONIC = "osoby s chronickým onemocněním"
MENTAL_ILLNESS = "osoby s chronickým duševním onemocněním"
FAMILIES = "rodiny s dítětem/dětmi"
YOUTH = "děti a mládež ve věku od 6 do 26 let ohrožené společensky nežádoucími jevy"
HOMELESS = "osoby bez přístřeší"
CRISIS = "osoby v krizi"
EXCLUDED = "osoby žijící v sociálně vyloučených komunitách"
RISKY = "osoby, které vedou rizikový způsob života nebo jsou tímto způsobem života ohroženy"
ADDICTION = "osoby ohrožené závislostí nebo závislé na návykových látkách"
VIOLENCE = "oběti domácího násilí"
CARERS = "pečující osoby"

# Organisations of the (made-up) town.
CITY = "Město Lipovec"
SOCIAL_DEPT = "Městský úřad Lipovec, odbor sociálních věcí"
CARE_SERVICE = "Pečovatelská služba Lipovec, příspěvková organizace"
CARE_HOME = "Domov pro seniory Lipovec, příspěvková organizace"
CHARITY = "Oblastní charita Lipovec"
ASSISTANCE = "Asistence Úhlava, o. p. s."
LIPKA = "Lipka – podpora lidí s postižením, z. s."
WORKSHOP = "Dílna U Mlýna, z. s."
EARLY_CARE = "Raná péče Úhlava, z. ú."
FAMILY_CENTRE = "Centrum pro rodinu Lipovec, z. s."
PREVENTION = "Prevence Úhlava, z. ú."
MENTAL_HEALTH_CENTRE = "Centrum duševního zdraví Lipovec"
HOSPITAL = "Nemocnice Lipovec, a. s."
LABOUR_OFFICE = "Úřad práce ČR, kontaktní pracoviště Lipovec"
CITY_POLICE = "Městská policie Lipovec"
OSPOD = "OSPOD Městského úřadu Lipovec"
MUNICIPALITIES = "obce ORP Lipovec"
REGION = "Plzeňský kraj"
COORDINATOR = "koordinátorka KPSS"

# Who answers for a measure (garant) unless the measure says otherwise: its working group's chair.
GROUP_CHAIRS = {
    "seniori": "vedoucí PS Senioři",
    "zdravotni-postizeni": "vedoucí PS Osoby se zdravotním postižením",
    "rodiny-s-detmi": "vedoucí PS Rodiny s dětmi a mládež",
    "socialni-vylouceni": "vedoucí PS Osoby ohrožené sociálním vyloučením",
    "dusevni-zdravi": "vedoucí PS Duševní zdraví a závislosti",
}

FIELD, OUTPATIENT, RESIDENTIAL = (
    Measure.ServiceForm.FIELD, Measure.ServiceForm.OUTPATIENT, Measure.ServiceForm.RESIDENTIAL,
)
BEDS, CLIENTS, WORKERS = Measure.CapacityUnit.BEDS, Measure.CapacityUnit.CLIENTS, Measure.CapacityUnit.WORKERS


class M(NamedTuple):
    """One measure of a demo plan.

    `goal` is the goal's code (1.2); `service` the section of the act (40 for § 40); `capacity` a
    (change, unit) pair; `indicators` (name, unit, baseline, target); `activities` (title,
    timeframe); `swot` the items of the group's SWOT it answers, as "W1" for the first weakness.
    """

    goal: str
    title: str
    description: str
    rationale: str = ""
    target_groups: tuple = ()
    service: str = ""
    form: str = ""
    capacity: tuple = ()
    responsible: str = ""
    implementer: str = ""
    partners: str = ""
    years: tuple = (2025, 2027)
    cost: int | None = None
    funding: tuple = ()
    outputs: str = ""
    indicators: tuple = ()
    activities: tuple = ()
    swot: tuple = ()


# --- the previous plan, 2022–2024 -------------------------------------------------------------

PREVIOUS_PRIORITIES = [
    ("Podpora seniorů a osob se zdravotním postižením",
     "Senioři a lidé se zdravotním postižením mohou žít doma s potřebnou podporou.", [
         ("seniori", "Rozšířit terénní služby pro seniory do celého ORP"),
         ("zdravotni-postizeni", "Podpořit život lidí s postižením v domácím prostředí"),
     ]),
    ("Podpora rodin s dětmi", "Rodiny v obtížné situaci dostanou pomoc včas.", [
        ("rodiny-s-detmi", "Zachovat a rozvíjet služby pro rodiny a mládež"),
    ]),
    ("Sociální začleňování", "Lidé bez domova a v krizi mají kam se obrátit.", [
        ("socialni-vylouceni", "Zajistit pomoc lidem bez domova"),
    ]),
]

PREVIOUS_MEASURES = [
    M("1.1", "Rozšíření pečovatelské služby do okolních obcí",
      "Pečovatelská služba Lipovec začne pravidelně zajíždět do všech obcí ORP.",
      "Senioři v menších obcích nemají pečovatelskou službu k dispozici.",
      (SENIORS,), "40", FIELD, (30, CLIENTS), implementer=CARE_SERVICE, years=(2022, 2024), cost=600_000,
      funding=("obec", "mpsv", "uhrady"),
      indicators=(("Počet obcí, kam služba pravidelně zajíždí", "obce", 3, 12),)),
    M("1.1", "Zavedení tísňové péče",
      "Zajistit tísňovou péči pro seniory, kteří žijí sami.",
      "Tísňová péče v ORP není dostupná.",
      (SENIORS, CHRONIC), "41", FIELD, (20, CLIENTS), implementer="bude vybrán", years=(2023, 2024),
      cost=250_000, funding=("obec", "uhrady"),
      indicators=(("Počet uživatelů tísňové péče", "uživatelé", 0, 20),)),
    M("1.2", "Osobní asistence pro dospělé",
      "Rozšířit osobní asistenci o 2 úvazky pro dospělé lidi s tělesným a kombinovaným postižením.",
      "Osobní asistence měla čekací listinu 20 žadatelů.",
      (PHYSICAL, COMBINED), "39", FIELD, (2, WORKERS), implementer=ASSISTANCE, years=(2022, 2024),
      cost=900_000, funding=("mpsv", "kraj", "uhrady"),
      indicators=(("Počet hodin přímé péče za rok", "hodiny", 16_000, 21_000),)),
    M("2.1", "Zachování nízkoprahového klubu Ponorka",
      "Zachovat provoz nízkoprahového zařízení pro děti a mládež Klub Ponorka.",
      "Klub je jediným místem, kam mohou dospívající přijít bez podmínek.",
      (YOUTH,), "62", OUTPATIENT, implementer=CHARITY, years=(2022, 2024), cost=1_000_000,
      funding=("mpsv", "kraj", "obec"),
      indicators=(("Počet uživatelů za rok", "uživatelé", 50, 60),)),
    M("2.1", "Sociálně aktivizační služba pro rodiny s dětmi",
      "Zavést terénní sociálně aktivizační službu pro rodiny s dětmi.",
      "OSPOD neměl rodinám kam doporučit dlouhodobou podporu v domácnosti.",
      (FAMILIES,), "65", FIELD, (2, WORKERS), implementer=FAMILY_CENTRE, years=(2022, 2024), cost=800_000,
      funding=("mpsv", "esf", "obec"),
      indicators=(("Počet podpořených rodin za rok", "rodiny", 0, 30),)),
    M("3.1", "Zřízení noclehárny",
      "Zřídit noclehárnu pro lidi bez domova s kapacitou 6 lůžek.",
      "Lidé bez domova v zimě přespávají venku.",
      (HOMELESS,), "63", RESIDENTIAL, (6, BEDS), implementer=CHARITY, years=(2023, 2024), cost=900_000,
      funding=("mpsv", "obec"),
      indicators=(("Počet lůžek noclehárny", "lůžka", 0, 6),)),
]

PREVIOUS_CHAPTERS = [
    (Chapter.Kind.INTRODUCTION, "Úvod",
     "Střednědobý plán rozvoje sociálních služeb na Lipovecku na období 2022–2024 zpracovalo město "
     "Lipovec s obcemi ORP, poskytovateli a uživateli sociálních služeb podle § 94 a 95 zákona "
     "č. 108/2006 Sb., o sociálních službách.\n\n"
     "Plán navazuje na komunitní plán z let 2018–2021 a soustředí se na to, aby služby byly "
     "dostupné i mimo Lipovec."),
    (Chapter.Kind.STRATEGY, "Strategická část",
     "Plán má tři priority: podporu seniorů a osob se zdravotním postižením, podporu rodin s dětmi "
     "a sociální začleňování. Opatření jsou uvedena v tabulce opatření."),
    (Chapter.Kind.MONITORING, "Realizace a vyhodnocování",
     "Plnění opatření vyhodnocují pracovní skupiny jednou ročně. Zprávu o plnění projedná řídící "
     "skupina a zveřejní ji na webu města."),
]

PREVIOUS_PHASES = [
    (Plan.Phase.PREPARATORY, "2021-01-11", "2021-03-31", "Vyhodnocení komunitního plánu 2018–2021"),
    (Plan.Phase.ANALYTICAL, "2021-04-01", "2021-06-30", "Analýza potřeb a poskytovatelů"),
    (Plan.Phase.STRATEGIC, "2021-07-01", "2021-12-31", "Návrh opatření, připomínky, schválení"),
    (Plan.Phase.IMPLEMENTATION, "2022-01-01", "2024-12-31", "Akční plány a roční vyhodnocení"),
]

PREVIOUS_LIFECYCLE = [
    ("open_for_comments", "2021-09-20", {}),
    ("close_comments", "2021-10-20", {}),
    ("approve_by_steering", "2021-11-15", {"steering_resolution": "ŘS/3/2021", "steering_approved_on": "2021-11-15"}),
    ("decide", "2021-12-13", {"body": "Zastupitelstvo města Lipovec", "resolution_number": "ZM/18/231/2021"}),
    ("put_in_force", "2021-12-20", {"valid_from": "2022-01-01", "valid_to": "2024-12-31"}),
]

# --- the current plan, 2025–2027 --------------------------------------------------------------

PRIORITIES = [
    ("Senioři a pečující: život doma co nejdéle a důstojná péče",
     "Senioři mohou co nejdéle žít ve svém domácím prostředí; když to už nejde, najdou kvalitní "
     "pobytovou péči v regionu. Pečující rodiny dostanou podporu a možnost si odpočinout.", [
         ("seniori", "Rozšířit dostupnost terénních a ambulantních služeb pro seniory v celém ORP"),
         ("seniori", "Zajistit dostatek pobytové a odlehčovací péče, zejména pro lidi s demencí"),
         ("seniori", "Podpořit pečující osoby"),
     ]),
    ("Samostatný život osob se zdravotním postižením",
     "Lidé se zdravotním postižením žijí v běžném prostředí, mohou pracovat a pohybovat se po městě "
     "bez bariér.", [
         ("zdravotni-postizeni", "Rozvíjet služby podporující samostatné bydlení a život v komunitě"),
         ("zdravotni-postizeni", "Podpořit pracovní uplatnění, ranou péči a bezbariérovost"),
     ]),
    ("Podpora rodin s dětmi a mládeže",
     "Rodiny v obtížné situaci dostanou pomoc včas a v místě bydliště; děti a dospívající mají kam "
     "se obrátit.", [
         ("rodiny-s-detmi", "Posílit pomoc rodinám v obtížné situaci"),
         ("rodiny-s-detmi", "Rozvíjet prevenci rizikového chování dětí a mládeže"),
     ]),
    ("Sociální začleňování a prevence sociálního vyloučení",
     "Lidé bez domova, v bytové nouzi, v dluzích nebo v krizi mají kam se obrátit a dostanou "
     "podporu pro návrat k běžnému životu.", [
         ("socialni-vylouceni", "Zajistit pomoc lidem bez domova a v bytové nouzi"),
         ("socialni-vylouceni", "Pomoci lidem z dluhů, z krize a zpět do práce"),
     ]),
    ("Duševní zdraví a prevence závislostí",
     "Lidé s duševním onemocněním a se závislostí dostanou pomoc v komunitě, včas a bez předsudků.", [
         ("dusevni-zdravi", "Rozvíjet komunitní péči o duševní zdraví"),
         ("dusevni-zdravi", "Snížit rizika a dopady užívání návykových látek a hazardního hraní"),
     ]),
]

# Each working group's SWOT: strengths, weaknesses, opportunities, threats.
SWOT = {
    "seniori": {
        "S": ["Pečovatelská služba Lipovec pokrývá město i všech 11 okolních obcí.",
              "Domov pro seniory s dlouholetou tradicí a kvalifikovaným personálem.",
              "Aktivní kluby seniorů a dobrá spolupráce s obcemi."],
        "W": ["Pečovatelská služba nefunguje večer a o víkendech.",
              "Chybí odlehčovací služba a kapacita pro lidi s demencí.",
              "Pečující nevědí, kde hledat pomoc; chybí poradenství pro pečující."],
        "O": ["Dotace MPSV a Plzeňského kraje na rozvoj terénních služeb v krajské síti.",
              "Spolupráce s praktickými lékaři a domácí zdravotní péčí.",
              "Nové technologie pro tísňovou péči a bezpečí doma."],
        "T": ["Stárnutí obyvatel: podíl lidí nad 65 let vzroste do roku 2030 téměř na 25 %.",
              "Nedostatek pracovníků v sociálních službách.",
              "Nejisté roční financování ze státního rozpočtu."],
    },
    "zdravotni-postizeni": {
        "S": ["Osobní asistence je dostupná v celém ORP.",
              "Sociálně terapeutická dílna s dobrou pověstí u zaměstnavatelů.",
              "Aktivní spolek rodičů dětí s postižením."],
        "W": ["V ORP chybí chráněné bydlení a podpora samostatného bydlení.",
              "Mnoho veřejných budov a zastávek není bezbariérových.",
              "Málo pracovních míst pro lidi s postižením."],
        "O": ["Transformace pobytových služeb podporovaná krajem a z ESF+.",
              "Náhradní plnění motivuje firmy zaměstnávat lidi s postižením.",
              "Spolupráce se školami při přechodu mladých lidí do dospělosti."],
        "T": ["Rodiče, kteří o dospělé děti s postižením pečují, stárnou.",
              "Nedostatek asistentů, zejména v odlehlých obcích."],
    },
    "rodiny-s-detmi": {
        "S": ["Dobrá spolupráce OSPOD s poskytovateli, osvědčené případové konference.",
              "Nízkoprahový klub Ponorka má stálou klientelu.",
              "Rodinné centrum s širokou nabídkou aktivit."],
        "W": ["Sociálně aktivizační služba má čekací listinu.",
              "V menších obcích služby pro rodiny chybí a dopravní obslužnost je slabá.",
              "Málo dostupné odborné poradenství (psycholog, rodinná terapie)."],
        "O": ["Projekty ESF+ na podporu rodin a pěstounské péče.",
              "Zájem škol o dlouhodobé programy primární prevence.",
              "Reforma péče o ohrožené děti posiluje terénní práci s rodinami."],
        "T": ["Rostoucí zadluženost rodin a exekuce.",
              "Nárůst psychických obtíží dětí a dospívajících.",
              "Nedostatek dětských psychologů a psychiatrů v regionu."],
    },
    "socialni-vylouceni": {
        "S": ["Azylový dům a terénní program Oblastní charity Lipovec.",
              "Město má vlastní bytový fond, který lze využít pro sociální bydlení.",
              "Dobrá spolupráce s Úřadem práce a městskou policií."],
        "W": ["V ORP chybí noclehárna a nízkoprahové denní centrum.",
              "Dluhové poradenství má dlouhé čekací lhůty.",
              "V lokalitě Pod Nádražím a na ubytovnách chybí soustavná sociální práce."],
        "O": ["Kontaktní místa pro bydlení a podpora sociálního bydlení ze státních programů.",
              "Výzvy IROP a ESF+ na sociální bydlení a sociální podnikání.",
              "Zaměstnavatelé v průmyslové zóně hledají pracovníky."],
        "T": ["Rostoucí ceny nájmů a energií.",
              "Odpor části obyvatel k umístění služeb pro lidi bez domova.",
              "Konec projektového financování terénního programu v roce 2025."],
    },
    "dusevni-zdravi": {
        "S": ["Centrum duševního zdraví v Lipovci s multidisciplinárním týmem.",
              "Kontaktní centrum a terénní program pro uživatele drog.",
              "Zkušení peer konzultanti."],
        "W": ["Chybí krizová pomoc mimo pracovní dobu.",
              "Dlouhé čekací doby na psychiatra a psychologa.",
              "Stigmatizace lidí s duševním onemocněním."],
        "O": ["Reforma péče o duševní zdraví a Národní akční plán pro duševní zdraví.",
              "Spolupráce se zdravotními pojišťovnami na financování komunitní péče.",
              "Protidrogová politika kraje a její dotační program."],
        "T": ["Nárůst užívání pervitinu a hazardního hraní online.",
              "Nedostatek bytů pro lidi po hospitalizaci nebo léčbě.",
              "Přetížení zdravotníků a sociálních pracovníků."],
    },
}

MEASURES = [
    # 1.1 terénní a ambulantní služby pro seniory
    M("1.1", "Rozšíření pečovatelské služby o večery a víkendy",
      "Pečovatelská služba Lipovec prodlouží provoz ve všední dny do 20 hodin a zavede službu "
      "o víkendech a svátcích od 7 do 19 hodin. Pokryje tak podávání večeří, pomoc s hygienou "
      "a ulehnutím a dohled u klientů, kteří by jinak museli do pobytového zařízení.",
      "V dotazníkovém šetření 2024 uvedlo 38 % pečujících, že jim chybí pomoc večer a o víkendech. "
      "Pečovatelská služba v roce 2023 odmítla 27 zájemců, jejichž potřeby spadaly mimo provozní dobu.",
      (SENIORS, DISABLED), "40", FIELD, (3, WORKERS), implementer=CARE_SERVICE,
      partners="Město Lipovec, obce ORP Lipovec, praktičtí lékaři", cost=1_800_000,
      funding=("mpsv", "obec", "uhrady"),
      outputs="Služba dostupná 7 dní v týdnu; 3 nové úvazky pracovníků v sociálních službách.",
      indicators=(("Počet klientů využívajících službu večer a o víkendech", "klienti", 0, 35),
                  ("Počet odmítnutých zájemců za rok", "osoby", 27, 5)),
      activities=(("Přijetí a zaškolení nových pracovnic", "1. pololetí 2025"),
                   ("Změna registrace služby u krajského úřadu", "2025")),
      swot=("W1", "O1", "T2")),
    M("1.1", "Pečovatelská služba v malých obcích ORP",
      "Zajistit pečovatelskou službu ve všech obcích ORP nejméně 5 dní v týdnu, včetně místních "
      "částí. Obce se na financování podílejí podle počtu obyvatel na základě meziobecní dohody.",
      "V sedmi menších obcích je služba dostupná jen dvakrát týdně; senioři proto odcházejí do "
      "domova pro seniory dříve, než by museli.",
      (SENIORS,), "40", FIELD, (40, CLIENTS), responsible=COORDINATOR, implementer=CARE_SERVICE,
      partners="obce ORP Lipovec, Mikroregion Úhlava", cost=950_000, funding=("obec", "mpsv", "uhrady"),
      outputs="Meziobecní dohoda o spolufinancování; služba ve všech obcích nejméně 5 dní v týdnu.",
      indicators=(("Počet obcí se službou 5 dní v týdnu", "obce", 5, 12),
                  ("Počet klientů z obcí mimo Lipovec", "klienti", 62, 100)),
      activities=(("Uzavření meziobecní dohody o spolufinancování", "2025"),),
      swot=("S1", "S3", "T1")),
    M("1.1", "Zavedení tísňové péče",
      "Umožnit seniorům a lidem s chronickým onemocněním, kteří žijí sami, využívat tísňovou péči "
      "s nepřetržitě monitorovaným tísňovým tlačítkem. Město uhradí instalaci zařízení a první rok "
      "provozu klientům s nízkými příjmy.",
      "V ORP žije sám přes 1 900 lidí starších 65 let. Tísňová péče v území dosud není dostupná; "
      "záměr z plánu 2022–2024 se nepodařilo splnit.",
      (SENIORS, CHRONIC), "41", FIELD, (30, CLIENTS), responsible=SOCIAL_DEPT,
      implementer="poskytovatel tísňové péče vybraný ve výběrovém řízení",
      partners="Pečovatelská služba Lipovec, Městská policie Lipovec", cost=420_000,
      funding=("obec", "uhrady", "kraj"),
      outputs="Smlouva s poskytovatelem tísňové péče pro celé ORP; informační leták pro seniory.",
      indicators=(("Počet uživatelů tísňové péče", "uživatelé", 0, 30),),
      swot=("O3", "T1")),
    M("1.1", "Denní stacionář pro seniory s demencí",
      "Zřídit denní stacionář pro 12 lidí s Alzheimerovou chorobou a jinými typy demence v přízemí "
      "bývalé mateřské školy v Sokolské ulici. Stacionář umožní pečujícím zůstat v zaměstnání.",
      "Počet lidí s demencí v ORP odhadujeme na 420 a bude dál růst. Denní stacionář v ORP chybí, "
      "nejbližší je 25 km daleko.",
      (SENIORS, CARERS), "46", OUTPATIENT, (12, CLIENTS), implementer=CHARITY,
      partners="Město Lipovec (objekt), Nemocnice Lipovec, a. s.", years=(2026, 2027), cost=2_400_000,
      funding=("mpsv", "obec", "uhrady"),
      outputs="Upravené prostory; registrovaná služba s kapacitou 12 klientů denně.",
      indicators=(("Kapacita denního stacionáře", "místa", 0, 12), ("Průměrná denní obsazenost", "%", 0, 80)),
      activities=(("Projektová dokumentace a stavební úpravy objektu", "2025–2026"),
                   ("Registrace služby a zahájení provozu", "2. pololetí 2026")),
      swot=("W2", "T1")),
    # 1.2 pobytová a odlehčovací péče
    M("1.2", "Pobytová odlehčovací služba",
      "Vyčlenit v Domově pro seniory Lipovec 4 lůžka odlehčovací služby, na která mohou rodiny "
      "umístit svého blízkého až na 3 měsíce, když si potřebují odpočinout, léčit se nebo vyřešit "
      "jinou situaci.",
      "Pečující v šetření nejčastěji uváděli, že si nemají kdy odpočinout (54 %). Pobytová "
      "odlehčovací služba v ORP chybí.",
      (SENIORS, CARERS), "44", RESIDENTIAL, (4, BEDS), implementer=CARE_HOME,
      partners="Plzeňský kraj (zřizovatel domova)", cost=1_300_000, funding=("kraj", "mpsv", "uhrady"),
      outputs="4 lůžka odlehčovací služby s rezervačním systémem.",
      indicators=(("Počet lůžek odlehčovací služby", "lůžka", 0, 4), ("Počet uživatelů za rok", "uživatelé", 0, 40)),
      swot=("W2", "O1")),
    M("1.2", "Navýšení kapacity domova se zvláštním režimem",
      "Přestavbou oddělení B Domova pro seniory Lipovec rozšířit domov se zvláštním režimem o 10 lůžek "
      "pro lidi s pokročilou demencí. Pokoje budou nejvýše dvoulůžkové, s vlastním sociálním zařízením.",
      "Na místo v domově se zvláštním režimem se čeká v průměru 14 měsíců; v pořadníku je 46 žadatelů z ORP.",
      (SENIORS, CHRONIC), "50", RESIDENTIAL, (10, BEDS), responsible="ředitel Domova pro seniory Lipovec",
      implementer=CARE_HOME, partners="Plzeňský kraj, Město Lipovec", years=(2026, 2027), cost=2_900_000,
      funding=("kraj", "mpsv", "uhrady", "pojistovny"),
      outputs="Přestavěné oddělení s 10 lůžky domova se zvláštním režimem.",
      indicators=(("Počet lůžek domova se zvláštním režimem", "lůžka", 38, 48),
                  ("Průměrná čekací doba na přijetí", "měsíce", 14, 8)),
      activities=(("Stavební úpravy oddělení B", "2026"),),
      swot=("W2", "T1", "T2")),
    # 1.3 pečující
    M("1.3", "Poradna pro pečující a půjčovna kompenzačních pomůcek",
      "Zřídit poradnu pro pečující (odborné sociální poradenství) s konzultačními hodinami i v obcích "
      "ORP a rozšířit půjčovnu kompenzačních pomůcek o polohovací lůžka, vozíky a chodítka.",
      "Pečující nevědí, na koho se obrátit. Půjčovna má dnes 40 pomůcek a v zimě poptávce nestačí.",
      (CARERS, SENIORS, DISABLED), "37", OUTPATIENT, implementer=CHARITY,
      partners="Pečovatelská služba Lipovec, praktičtí lékaři, Nemocnice Lipovec, a. s.", cost=480_000,
      funding=("mpsv", "obec", "nadace"),
      outputs="Poradna otevřená 3 dny v týdnu; konzultace v obcích jednou měsíčně.",
      indicators=(("Počet konzultací s pečujícími za rok", "konzultace", 60, 250),
                  ("Počet pomůcek v půjčovně", "ks", 40, 70)),
      swot=("W3", "O2")),
    M("1.3", "Svépomocné skupiny a vzdělávání pečujících",
      "Jednou měsíčně pořádat setkání svépomocné skupiny pečujících a dvakrát ročně kurz praktických "
      "dovedností (polohování, hygiena, komunikace s člověkem s demencí). Během setkání zajistit "
      "zástup u opečovávaného.",
      "Pečující uvádějí vyčerpání a osamělost; kurz v roce 2023 se zaplnil během týdne.",
      (CARERS,), responsible=COORDINATOR, implementer=CHARITY,
      partners="Nemocnice Lipovec, a. s., Pečovatelská služba Lipovec", cost=90_000, funding=("obec", "nadace"),
      outputs="12 setkání a 2 kurzy ročně.",
      indicators=(("Počet účastníků kurzů a setkání za rok", "osoby", 25, 80),),
      activities=(("Kurz praktických dovedností pro pečující", "jaro a podzim každého roku"),),
      swot=("W3", "S3")),
    # 2.1 samostatné bydlení a život v komunitě
    M("2.1", "Rozšíření osobní asistence",
      "Navýšit osobní asistenci o 3 úvazky, aby služba pokryla i časná ranní a večerní hodiny, "
      "asistenci ve škole a v zaměstnání a odlehlé obce.",
      "Asistence Úhlava eviduje 18 neuspokojených žadatelů; asistenti dojíždějí i 30 km.",
      (PHYSICAL, COMBINED, SENIORS), "39", FIELD, (3, WORKERS), implementer=ASSISTANCE,
      partners="Město Lipovec, obce ORP Lipovec", cost=1_650_000, funding=("mpsv", "kraj", "uhrady", "obec"),
      outputs="3 nové úvazky osobních asistentů; asistence dostupná od 6 do 22 hodin.",
      indicators=(("Počet hodin přímé péče za rok", "hodiny", 21_000, 26_500),
                  ("Počet neuspokojených žadatelů", "osoby", 18, 5)),
      swot=("S1", "T2")),
    M("2.1", "Podpora samostatného bydlení",
      "Zavést terénní službu podpory samostatného bydlení pro lidi s mentálním a kombinovaným "
      "postižením, kteří chtějí bydlet ve vlastním nebo pronajatém bytě. Město poskytne 3 byty ze "
      "svého bytového fondu.",
      "Služba v ORP chybí; 11 dospělých s postižením bydlí u stárnoucích rodičů a hrozí jim "
      "umístění v ústavu mimo region.",
      (INTELLECTUAL, COMBINED), "43", FIELD, (8, CLIENTS), implementer=LIPKA,
      partners="Město Lipovec (byty), spolek rodičů dětí s postižením", cost=850_000,
      funding=("mpsv", "kraj", "uhrady"),
      outputs="Registrovaná služba; 3 městské byty pro uživatele služby.",
      indicators=(("Počet uživatelů služby", "uživatelé", 0, 8),),
      activities=(("Vyčlenění tří městských bytů", "2025"),),
      swot=("W1", "O1", "T1")),
    M("2.1", "Chráněné bydlení v komunitě",
      "Vybudovat dvě domácnosti chráněného bydlení pro 6 lidí s mentálním postižením v běžné zástavbě "
      "Lipovce, jako součást transformace pobytových služeb v kraji.",
      "Lidé z ORP, kteří potřebují trvalou podporu, dnes žijí v domovech pro osoby se zdravotním "
      "postižením mimo region, daleko od rodin.",
      (INTELLECTUAL,), "51", RESIDENTIAL, (6, BEDS), implementer=LIPKA, partners="Plzeňský kraj, Město Lipovec",
      years=(2026, 2027), cost=2_200_000, funding=("kraj", "mpsv", "esf", "uhrady"),
      outputs="Dvě domácnosti chráněného bydlení po 3 místech.",
      indicators=(("Počet míst v chráněném bydlení", "místa", 0, 6),),
      activities=(("Výběr a úprava bytů s podporou IROP", "2025–2026"),),
      swot=("W1", "O1")),
    M("2.1", "Sociální rehabilitace pro lidi s postižením",
      "Rozvíjet sociální rehabilitaci zaměřenou na nácvik dovedností pro samostatný život: hospodaření "
      "s penězi, vaření, cestování veřejnou dopravou, vyřizování na úřadech.",
      "Absolventi praktické školy po skončení docházky nemají kam navázat a dovednosti rychle ztrácejí.",
      (INTELLECTUAL, COMBINED), "70", OUTPATIENT, (10, CLIENTS), implementer=LIPKA,
      partners="Základní a praktická škola Lipovec", cost=700_000, funding=("mpsv", "kraj"),
      outputs="Individuální plány nácviku dovedností; skupinový program 2 dny v týdnu.",
      indicators=(("Počet uživatelů za rok", "uživatelé", 12, 22),),
      swot=("O3", "T1")),
    # 2.2 práce, raná péče, bezbariérovost
    M("2.2", "Rozšíření sociálně terapeutické dílny",
      "Rozšířit sociálně terapeutickou dílnu Dílna U Mlýna o keramickou a zahradnickou dílnu a navýšit "
      "kapacitu o 6 míst. Dílna připravuje lidi s postižením na práci na chráněném nebo otevřeném "
      "trhu práce.",
      "Dílna má plnou kapacitu a čekací listinu 9 zájemců.",
      (INTELLECTUAL, MENTAL_ILLNESS), "67", OUTPATIENT, (6, CLIENTS), implementer=WORKSHOP,
      partners="Úřad práce ČR, kontaktní pracoviště Lipovec; místní zaměstnavatelé", cost=950_000,
      funding=("mpsv", "kraj", "obec"),
      outputs="Dvě nové dílny; kapacita 20 klientů denně.",
      indicators=(("Kapacita dílny", "klienti", 14, 20),
                  ("Počet uživatelů, kteří získali zaměstnání", "osoby", 1, 4)),
      swot=("S2", "O2", "W3")),
    M("2.2", "Bezbariérové úpravy veřejných budov a zastávek",
      "Odstranit bariéry v budově městského úřadu (výtah, bezbariérové WC), na poště a na 12 autobusových "
      "zastávkách; doplnit hmatové a vodicí prvky pro lidi se zrakovým postižením.",
      "Místní šetření přístupnosti v roce 2024 našlo 23 bariér ve veřejných budovách; dvě třetiny "
      "zastávek nemají bezbariérový nástup.",
      (PHYSICAL, VISUAL, SENIORS), responsible="odbor investic Městského úřadu Lipovec",
      implementer="Město Lipovec, obce ORP Lipovec", partners="místní organizace osob se zdravotním postižením",
      cost=1_200_000, funding=("obec", "kraj", "jine"),
      outputs="Výtah v budově úřadu; 12 upravených zastávek; mapa přístupnosti na webu města.",
      indicators=(("Počet odstraněných bariér", "bariéry", 0, 20),),
      swot=("W2",)),
    M("2.2", "Raná péče pro rodiny dětí s postižením",
      "Zajistit pravidelné konzultace rané péče přímo v rodinách v celém ORP a jednou měsíčně "
      "skupinové setkání rodičů v Lipovci.",
      "Pediatři evidují 24 dětí do 7 let s postižením nebo ohroženým vývojem; raná péče za nimi dosud "
      "dojíždí nepravidelně.",
      (FAMILIES, COMBINED), "54", FIELD, (10, CLIENTS), implementer=EARLY_CARE,
      partners="pediatři, Nemocnice Lipovec, a. s., mateřské školy", cost=380_000,
      funding=("mpsv", "kraj", "obec"),
      outputs="Konzultace v rodinách nejméně jednou za měsíc; 10 setkání rodičů ročně.",
      indicators=(("Počet rodin v péči", "rodiny", 9, 19),),
      swot=("S3", "T1")),
    M("2.2", "Tlumočnické a průvodcovské služby",
      "Zajistit tlumočení do českého znakového jazyka (i online) a průvodcovskou a předčitatelskou "
      "službu pro lidi se zrakovým postižením při jednání na úřadech a u lékaře.",
      "Lidé se sluchovým a zrakovým postižením v šetření uvedli, že na úřad chodí s příbuznými, "
      "protože služba v území chybí.",
      (HEARING, VISUAL), "56", FIELD, implementer="poskytovatel vybraný ve spolupráci s Plzeňským krajem",
      partners="Městský úřad Lipovec, Nemocnice Lipovec, a. s.", years=(2026, 2027), cost=150_000,
      funding=("mpsv", "obec"),
      outputs="Online tlumočení na úřadě a v nemocnici; doprovody na objednání.",
      indicators=(("Počet hodin tlumočení a doprovodu za rok", "hodiny", 0, 200),),
      swot=("W2",)),
    # 3.1 rodiny v obtížné situaci
    M("3.1", "Posílení sociálně aktivizační služby pro rodiny s dětmi",
      "Navýšit sociálně aktivizační službu pro rodiny s dětmi o 2 úvazky, aby pokryla i menší obce. "
      "Pracovnice pomáhají rodičům s výchovou, hospodařením a péčí o domácnost přímo v rodinách.",
      "Služba má čekací listinu 15 rodin; OSPOD odhaduje, že další rodiny službu potřebují, ale nevědí o ní.",
      (FAMILIES,), "65", FIELD, (2, WORKERS), implementer=FAMILY_CENTRE,
      partners="OSPOD Městského úřadu Lipovec, základní a mateřské školy", cost=1_100_000,
      funding=("mpsv", "kraj", "obec"),
      outputs="2 nové úvazky; služba dostupná ve všech obcích ORP.",
      indicators=(("Počet podpořených rodin za rok", "rodiny", 32, 50), ("Čekací listina", "rodiny", 15, 3)),
      activities=(("Přijetí dvou pracovnic a změna registrace", "2025"),),
      swot=("W1", "S1", "W2")),
    M("3.1", "Odborné poradenství pro rodiny a rodinná terapie",
      "Zajistit v Lipovci dostupné odborné sociální poradenství pro rodiny, včetně rodinné terapie "
      "a mediace při rozchodu rodičů.",
      "Nejbližší rodinná poradna je v krajském městě a čeká se na ni 3 měsíce.",
      (FAMILIES, CRISIS), "37", OUTPATIENT, implementer=FAMILY_CENTRE, partners="OSPOD Městského úřadu Lipovec, školy",
      cost=520_000, funding=("mpsv", "obec", "nadace"),
      outputs="Poradna otevřená 3 dny v týdnu; mediace na objednání.",
      indicators=(("Počet konzultací za rok", "konzultace", 0, 300),),
      swot=("W3", "T3")),
    M("3.1", "Případová spolupráce OSPOD a poskytovatelů",
      "Zavést pravidelné případové konference a společná setkání OSPOD, škol, lékařů a poskytovatelů "
      "služeb; dohodnout postup předávání rodin mezi službami.",
      "Rodiny procházejí více službami, které o sobě nevědí; zkušenosti s případovými konferencemi jsou dobré.",
      (FAMILIES,), responsible="vedoucí OSPOD Městského úřadu Lipovec", implementer=OSPOD,
      partners="poskytovatelé sociálních služeb, školy, pediatři", cost=60_000, funding=("obec",),
      outputs="Dohoda o spolupráci; 2 případové konference měsíčně.",
      indicators=(("Počet případových konferencí za rok", "konference", 12, 24),),
      swot=("S1", "O3")),
    M("3.1", "Podpora pěstounských rodin",
      "Rozšířit doprovázení pěstounských rodin, vzdělávání pěstounů a odlehčovací pobyty pro děti "
      "a získat další pěstouny na přechodnou dobu.",
      "V ORP je jediný pěstoun na přechodnou dobu; děti jsou proto umisťovány mimo region.",
      (FAMILIES,), implementer=FAMILY_CENTRE, partners="OSPOD Městského úřadu Lipovec, Plzeňský kraj",
      cost=300_000, funding=("jine", "kraj"),
      outputs="Náborová kampaň; vzdělávání pěstounů 24 hodin ročně.",
      indicators=(("Počet pěstounů na přechodnou dobu", "rodiny", 1, 3),),
      swot=("O1", "O3")),
    # 3.2 prevence pro děti a mládež
    M("3.2", "Nízkoprahový klub Ponorka a výjezdy do obcí",
      "Zachovat provoz nízkoprahového zařízení pro děti a mládež Klub Ponorka 5 dní v týdnu a zavést "
      "výjezdní klub jednou týdně v Lužanech a v Nové Vsi u Lipovce.",
      "Klub pravidelně navštěvuje 65 dětí a mladých lidí; v obcích tráví dospívající čas na zastávkách "
      "bez jakékoli podpory.",
      (YOUTH,), "62", OUTPATIENT, (20, CLIENTS), implementer=CHARITY,
      partners="obce Lužany a Nová Ves u Lipovce, základní školy", cost=1_250_000, funding=("mpsv", "kraj", "obec"),
      outputs="Klub otevřený 5 dní v týdnu; výjezdní klub ve dvou obcích.",
      indicators=(("Počet uživatelů za rok", "uživatelé", 65, 90), ("Počet kontaktů za rok", "kontakty", 3_200, 4_200)),
      swot=("S2", "W2")),
    M("3.2", "Terénní práce s mládeží",
      "Zavést terénní program pro mládež, která do klubu nechodí: kontakt v parcích, u nádraží "
      "i na sociálních sítích.",
      "Městská policie zaznamenala v roce 2023 nárůst přestupků mladistvých o 30 %, hlavně v okolí nádraží.",
      (YOUTH,), "69", FIELD, (1, WORKERS), implementer=CHARITY,
      partners="Městská policie Lipovec, OSPOD Městského úřadu Lipovec", years=(2026, 2027), cost=600_000,
      funding=("mpsv", "obec"),
      outputs="Terénní pracovník 4 dny v týdnu; profil služby na sociálních sítích.",
      indicators=(("Počet kontaktovaných mladých lidí za rok", "osoby", 0, 80),),
      swot=("W2", "T2")),
    M("3.2", "Programy primární prevence na školách",
      "Nabídnout všem základním školám v ORP programy dlouhodobé primární prevence (vztahy ve třídě, "
      "kyberšikana, návykové látky) a podporu školním metodikům prevence.",
      "Školy o programy stojí, ale z vlastního rozpočtu zaplatí jen jednorázové besedy.",
      (YOUTH,), responsible="metodik prevence Městského úřadu Lipovec", implementer=PREVENTION,
      partners="základní školy v ORP Lipovec, Plzeňský kraj", cost=250_000, funding=("obec", "kraj"),
      outputs="Programy pro 2. stupeň všech základních škol v ORP.",
      indicators=(("Počet tříd zapojených do programů", "třídy", 14, 40),),
      swot=("O2", "T2")),
    M("3.2", "Volnočasové aktivity pro děti z rodin s nízkými příjmy",
      "Hradit dětem z rodin s nízkými příjmy kroužky, tábory a školy v přírodě z grantového fondu města.",
      "Děti z chudších rodin se nemohou účastnit aktivit se spolužáky, což prohlubuje jejich vyloučení.",
      (FAMILIES,), implementer=CITY, partners="školy, sportovní kluby, nadace", cost=200_000,
      funding=("obec", "nadace"),
      indicators=(("Počet podpořených dětí za rok", "děti", 0, 60),),
      swot=("T1",)),
    # 4.1 bez domova a bytová nouze
    M("4.1", "Zřízení noclehárny",
      "Zřídit noclehárnu s kapacitou 8 lůžek (6 pro muže, 2 pro ženy) v objektu u azylového domu; "
      "v zimních měsících ji doplnit o nouzová lůžka.",
      "Ve městě podle sčítání v roce 2024 přespává venku kolem 25 lidí. Záměr z plánu 2022–2024 se "
      "nepodařilo splnit kvůli odporu obyvatel okolí.",
      (HOMELESS,), "63", RESIDENTIAL, (8, BEDS), implementer=CHARITY,
      partners="Městská policie Lipovec, Město Lipovec", cost=1_400_000, funding=("mpsv", "obec", "kraj"),
      outputs="Registrovaná noclehárna otevřená celoročně.",
      indicators=(("Počet lůžek noclehárny", "lůžka", 0, 8), ("Počet přenocování za rok", "přenocování", 0, 2_200)),
      activities=(("Informační setkání s obyvateli okolí", "1. pololetí 2025"),
                   ("Stavební úpravy a registrace služby", "2025–2026")),
      swot=("W1", "T2")),
    M("4.1", "Nízkoprahové denní centrum",
      "Zřídit nízkoprahové denní centrum, kde lidé bez domova mohou přes den využít hygienu, vyprat "
      "si, najíst se a dostat základní poradenství.",
      "Lidé bez domova se nemají kde umýt a vyprat, což jim znemožňuje hledat práci.",
      (HOMELESS, RISKY), "61", OUTPATIENT, (30, CLIENTS), implementer=CHARITY,
      partners="Město Lipovec, Úřad práce ČR, kontaktní pracoviště Lipovec", years=(2026, 2027),
      cost=1_100_000, funding=("mpsv", "obec", "kraj"),
      outputs="Denní centrum otevřené 5 dní v týdnu.",
      indicators=(("Počet uživatelů za rok", "uživatelé", 0, 60),),
      swot=("W1", "T2")),
    M("4.1", "Systém prostupného sociálního bydlení",
      "Vyčlenit z městského bytového fondu 12 bytů pro sociální bydlení (krizové, tréninkové "
      "a standardní byty s podporou) a zřídit na městském úřadě kontaktní místo pro bydlení.",
      "Na městské byty čeká 86 domácností, z toho 30 v bytové nouzi; ubytovny jsou drahé a nevyhovující.",
      (HOMELESS, FAMILIES, CRISIS), responsible="odbor správy majetku Městského úřadu Lipovec",
      implementer=CITY, partners="Oblastní charita Lipovec, Centrum pro rodinu Lipovec, Úřad práce ČR",
      cost=800_000, funding=("obec", "esf", "jine"),
      outputs="Pravidla sociálního bydlení schválená zastupitelstvem; kontaktní místo pro bydlení.",
      indicators=(("Počet bytů v systému sociálního bydlení", "byty", 4, 12),
                  ("Domácnosti, které přešly do standardního nájmu", "domácnosti", 0, 6)),
      activities=(("Schválení pravidel sociálního bydlení", "2025"),),
      swot=("S2", "O1", "T1")),
    M("4.1", "Terénní program v sociálně vyloučených lokalitách",
      "Rozšířit terénní program do lokality Pod Nádražím a na ubytovny v Lipovci a Kamenné; pracovníci "
      "pomáhají s dluhy, bydlením, zaměstnáním a komunikací se školou.",
      "V lokalitách žije odhadem 350 lidí; terénní program pracoval jen v Lipovci a jeho projekt "
      "končí v roce 2025.",
      (EXCLUDED, RISKY), "69", FIELD, (1, WORKERS), implementer=CHARITY,
      partners="Město Lipovec, obec Kamenná, OSPOD Městského úřadu Lipovec", cost=900_000,
      funding=("mpsv", "esf", "obec"),
      outputs="Terénní práce ve všech lokalitách nejméně 2 dny v týdnu.",
      indicators=(("Počet klientů za rok", "klienti", 110, 160),),
      swot=("S1", "W3", "T3")),
    # 4.2 dluhy, krize, práce
    M("4.2", "Dluhové poradenství",
      "Posílit odborné sociální poradenství zaměřené na dluhy o 1 úvazek, včetně pomoci s oddlužením "
      "a konzultací v obcích ORP jednou měsíčně.",
      "Na první konzultaci se čeká 6 týdnů; v ORP má exekuci 9 % dospělých.",
      (CRISIS, FAMILIES), "37", OUTPATIENT, (1, WORKERS), implementer=CHARITY,
      partners="Úřad práce ČR, kontaktní pracoviště Lipovec; obce ORP Lipovec", cost=650_000,
      funding=("mpsv", "obec", "kraj"),
      outputs="Poradna otevřená 4 dny v týdnu; konzultace ve 4 obcích.",
      indicators=(("Počet klientů dluhové poradny za rok", "klienti", 140, 220),
                  ("Čekací doba na první konzultaci", "týdny", 6, 2)),
      swot=("W2", "T1")),
    M("4.2", "Sociální podnik a spolupráce se zaměstnavateli",
      "Podpořit vznik sociálního podniku (úklid a údržba zeleně pro město) a síť zaměstnavatelů, kteří "
      "jsou ochotni zaměstnat lidi s obtížemi na trhu práce.",
      "Dlouhodobě nezaměstnaní z lokalit mají nízkou kvalifikaci; po skončení veřejně prospěšných prací "
      "nenašli zaměstnání.",
      (EXCLUDED, CRISIS), responsible="místostarosta města Lipovec", implementer="Město Lipovec, MAS Úhlava, z. s.",
      partners="Úřad práce ČR, zaměstnavatelé v průmyslové zóně", years=(2026, 2027), cost=500_000,
      funding=("esf", "obec"),
      outputs="Sociální podnik s 8 pracovními místy; síť 10 spolupracujících zaměstnavatelů.",
      indicators=(("Počet lidí zaměstnaných v sociálním podniku", "osoby", 0, 8),),
      swot=("O2", "O3")),
    M("4.2", "Azylový dům pro rodiny s dětmi",
      "Zachovat azylový dům pro matky (i otce) s dětmi s kapacitou 18 lůžek a rozšířit jej o 2 krizové "
      "byty pro celé rodiny.",
      "Azylový dům je trvale obsazen; úplné rodiny dnes v ORP nemají kam jít.",
      (FAMILIES, HOMELESS), "57", RESIDENTIAL, (6, BEDS), implementer=CHARITY,
      partners="OSPOD Městského úřadu Lipovec, Město Lipovec", cost=1_950_000,
      funding=("mpsv", "kraj", "obec", "uhrady"),
      outputs="2 krizové byty pro rodiny.",
      indicators=(("Kapacita azylového domu", "lůžka", 18, 24),),
      swot=("S1",)),
    M("4.2", "Pomoc obětem domácího násilí",
      "Zajistit v Lipovci jednou týdně konzultační místo intervenčního centra a spolupráci s policií "
      "při vykázání násilné osoby.",
      "Policie v ORP vykázala v roce 2023 14 osob; oběti musí za intervenčním centrem dojíždět do "
      "krajského města.",
      (VIOLENCE, CRISIS), "60a", OUTPATIENT, implementer="intervenční centrum v Plzeňském kraji",
      partners="Policie ČR, Městská policie Lipovec, OSPOD Městského úřadu Lipovec", cost=180_000,
      funding=("mpsv", "kraj", "obec"),
      outputs="Konzultační místo otevřené jednou týdně.",
      indicators=(("Počet podpořených osob za rok", "osoby", 0, 30),)),
    # 5.1 komunitní péče o duševní zdraví
    M("5.1", "Rozvoj centra duševního zdraví",
      "Posílit terénní tým centra duševního zdraví o sociálního pracovníka a peer konzultanta, aby "
      "pokryl celé ORP a zvládl podporu lidí po propuštění z psychiatrické nemocnice.",
      "Centrum má 120 klientů a vyčerpanou kapacitu; lidé po hospitalizaci čekají na první kontakt až 4 týdny.",
      (MENTAL_ILLNESS,), "70", FIELD, (2, WORKERS), implementer=MENTAL_HEALTH_CENTRE,
      partners="psychiatrická nemocnice, praktičtí lékaři, Úřad práce ČR", cost=1_500_000,
      funding=("mpsv", "pojistovny", "kraj"),
      outputs="2 nové úvazky v terénním týmu; dohoda o předávání pacientů s psychiatrickou nemocnicí.",
      indicators=(("Počet klientů centra", "klienti", 120, 160),
                  ("Doba do prvního kontaktu po propuštění", "dny", 28, 7)),
      swot=("S1", "O1", "W2")),
    M("5.1", "Krizová pomoc mimo pracovní dobu",
      "Zajistit krizovou pomoc lidem v akutní psychické krizi i večer a o víkendech: krizový telefon "
      "s možností výjezdu a dvě krizová lůžka.",
      "Krizová pomoc mimo pracovní dobu chybí; lidé v krizi končí na pohotovosti nebo na policii.",
      (CRISIS, MENTAL_ILLNESS), "60", OUTPATIENT, (2, BEDS), implementer=MENTAL_HEALTH_CENTRE,
      partners="Nemocnice Lipovec, a. s. (psychiatrická ambulance), Policie ČR", years=(2026, 2027),
      cost=1_800_000, funding=("mpsv", "kraj", "pojistovny"),
      outputs="Krizový telefon do 22 hodin a o víkendech; 2 krizová lůžka.",
      indicators=(("Počet krizových intervencí za rok", "intervence", 0, 400),),
      swot=("W1", "O1")),
    M("5.1", "Peer konzultanti v sociálních službách",
      "Zaměstnat peer konzultanty, tedy lidi s vlastní zkušeností s duševním onemocněním, v centru "
      "duševního zdraví a v sociálně terapeutické dílně a zajistit jim výcvik a supervizi.",
      "Peer konzultanti zlepšují důvěru klientů a pomáhají překonat stigma; v ORP pracují zatím dva.",
      (MENTAL_ILLNESS,), implementer=MENTAL_HEALTH_CENTRE, partners="Dílna U Mlýna, z. s.", cost=400_000,
      funding=("mpsv", "esf"),
      outputs="Výcvik pro 3 nové peer konzultanty; pravidelná supervize.",
      indicators=(("Počet peer konzultantů", "osoby", 2, 5),),
      swot=("S3", "W3")),
    M("5.1", "Týden duševního zdraví a boj proti stigmatu",
      "Každý rok v říjnu uspořádat Týden duševního zdraví v Lipovci (besedy, filmový klub, dny "
      "otevřených dveří služeb) a zapojit do něj školy a zaměstnavatele.",
      "Lidé s duševním onemocněním uvádějí, že se bojí o nemoci mluvit v práci i v rodině.",
      (MENTAL_ILLNESS, CRISIS), implementer=MENTAL_HEALTH_CENTRE,
      partners="školy, Městská knihovna Lipovec, kino Lipovec", cost=70_000, funding=("obec", "nadace"),
      outputs="Program Týdne duševního zdraví každý rok.",
      indicators=(("Počet návštěvníků akcí za rok", "osoby", 150, 400),),
      swot=("W3",)),
    # 5.2 návykové látky a hazard
    M("5.2", "Kontaktní centrum pro uživatele návykových látek",
      "Zachovat kontaktní centrum (výměna injekčního materiálu, testování na infekční nemoci, "
      "poradenství, motivace k léčbě) a prodloužit jeho provoz o dvě odpoledne v týdnu.",
      "Počet klientů vzrostl za tři roky o 40 %, hlavně uživatelů pervitinu.",
      (ADDICTION,), "59", OUTPATIENT, implementer=PREVENTION,
      partners="Město Lipovec, Plzeňský kraj, Nemocnice Lipovec, a. s.", cost=1_050_000,
      funding=("mpsv", "kraj", "obec"),
      outputs="Provoz 5 dní v týdnu, z toho 2 dny do 18 hodin.",
      indicators=(("Počet klientů za rok", "klienti", 180, 220),
                  ("Počet vydaných injekčních setů za rok", "ks", 38_000, 42_000)),
      swot=("S2", "T1")),
    M("5.2", "Terénní program pro uživatele drog v obcích ORP",
      "Rozšířit terénní program do obcí ORP, kde roste užívání pervitinu (Kamenná, Lužany, Zálesí).",
      "Obce a městská policie hlásí nálezy injekčních stříkaček a rostoucí počet uživatelů mimo Lipovec.",
      (ADDICTION, RISKY), "69", FIELD, (1, WORKERS), implementer=PREVENTION,
      partners="obce Kamenná, Lužany a Zálesí, Policie ČR", cost=550_000, funding=("mpsv", "kraj", "obec"),
      outputs="Pravidelný terénní výkon ve 3 obcích.",
      indicators=(("Počet kontaktů v terénu za rok", "kontakty", 900, 1_500),),
      swot=("S2", "O3", "T1")),
    M("5.2", "Služby následné péče po léčbě závislosti",
      "Zřídit ambulantní program následné péče pro lidi po ukončené léčbě závislosti (skupiny, "
      "individuální konzultace, pomoc s bydlením a prací) a 3 tréninkové byty.",
      "Po návratu z léčebny do původního prostředí se mnoho klientů k užívání vrací; nejbližší "
      "doléčovací program je v krajském městě.",
      (ADDICTION,), "64", OUTPATIENT, (12, CLIENTS), implementer=PREVENTION,
      partners="Město Lipovec (byty), Úřad práce ČR", years=(2026, 2027), cost=750_000,
      funding=("mpsv", "kraj", "obec"),
      outputs="Registrovaná služba následné péče; 3 tréninkové byty.",
      indicators=(("Počet uživatelů programu", "uživatelé", 0, 12),),
      swot=("T2", "O3")),
    M("5.2", "Poradna pro lidi ohrožené hazardním hraním",
      "Zavést poradnu pro hráče a jejich blízké (jednou týdně) a informační kampaň o rizicích online hazardu.",
      "Po zákazu heren ve městě se hraní přesunulo na internet; dluhová poradna eviduje rostoucí podíl "
      "klientů s dluhy z hazardu.",
      (ADDICTION, CRISIS), "37", OUTPATIENT, implementer=PREVENTION,
      partners="Oblastní charita Lipovec (dluhová poradna)", cost=220_000, funding=("obec", "kraj", "jine"),
      outputs="Poradna otevřená jednou týdně; kampaň na sociálních sítích.",
      indicators=(("Počet klientů poradny za rok", "klienti", 0, 40),),
      swot=("T1",)),
]

# What changed while the comments were settled (between the draft and the proposal for approval).
EDITED_MEASURE = "Rozšíření pečovatelské služby o večery a víkendy"
EDITED_DESCRIPTION = (
    " O víkendech a svátcích bude služba zajišťovat i dovoz obědů; přednost mají klienti, kteří "
    "se vracejí z nemocnice do domácí péče."
)
EDITED_COST = 2_050_000
EDITED_PARTNERS = "Město Lipovec, obce ORP Lipovec, praktičtí lékaři, Nemocnice Lipovec, a. s."
RESIZED_MEASURE = "Zřízení noclehárny"
RESIZED_DESCRIPTION = (
    "Zřídit noclehárnu s kapacitou 10 lůžek (8 pro muže, 2 pro ženy) v objektu u azylového domu; "
    "v zimních měsících ji doplnit o nouzová lůžka."
)
DROPPED_MEASURE = "Volnočasové aktivity pro děti z rodin s nízkými příjmy"
ADDED_MEASURE = M(
    "1.2", "Podpora domácí hospicové a paliativní péče",
    "Podpořit mobilní hospic, který v ORP poskytuje domácí paliativní péči, příspěvkem na provoz "
    "a dopravu a zajistit půjčování pomůcek pro péči o umírající doma.",
    "Doplněno podle připomínky z veřejného připomínkování: většina lidí si přeje zemřít doma, ale "
    "mobilní hospic do obcí ORP dojíždí jen omezeně.",
    (SENIORS, CHRONIC, CARERS), form=FIELD, implementer="mobilní hospic působící v ORP Lipovec",
    partners="Nemocnice Lipovec, a. s., praktičtí lékaři, Oblastní charita Lipovec", cost=350_000,
    funding=("obec", "pojistovny", "nadace"),
    outputs="Smlouva o spolupráci s mobilním hospicem; pomůcky pro péči o umírající v půjčovně.",
    indicators=(("Počet rodin podpořených při domácí péči o umírající", "rodiny", 15, 30),),
    swot=("W3", "O2"),
)


def current_chapters(priorities, previous_measures):
    """The chapters of the plan 2025–2027 as (kind, title, Markdown)."""
    priority_list = "\n".join(f"{number}. {title}" for number, (title, _d, _g) in enumerate(priorities, start=1))
    goal_count = sum(len(goals) for _t, _d, goals in priorities)
    evaluation_rows = "\n".join(f"| {title} | {status} |" for title, status in previous_measures)
    return [
        (Chapter.Kind.INTRODUCTION, "Úvod", """\
Střednědobý plán rozvoje sociálních služeb na Lipovecku na období 2025–2027 navazuje na plán pro \
období 2022–2024. Popisuje, jaké sociální služby lidé v ORP Lipovec potřebují, jak je chceme během \
tří let rozvíjet a z čeho je zaplatíme. Plán platí pro správní obvod obce s rozšířenou působností \
Lipovec, tedy pro město Lipovec a 11 okolních obcí.

## Právní rámec

Podle § 94 zákona č. 108/2006 Sb., o sociálních službách, obce zjišťují potřeby poskytování \
sociálních služeb osobám na svém území a mohou zpracovávat střednědobý plán rozvoje sociálních \
služeb ve spolupráci s krajem, poskytovateli sociálních služeb a osobami, kterým jsou služby \
poskytovány. Podle § 95 kraj zpracovává krajský střednědobý plán a spolupracuje přitom s obcemi. \
Plán je v souladu se střednědobým plánem rozvoje sociálních služeb Plzeňského kraje a s Národní \
strategií rozvoje sociálních služeb.

## Vize

V roce 2027 má každý obyvatel Lipovecka, který se ocitne v nepříznivé sociální situaci, včas \
k dispozici informace a službu, která mu pomůže žít co nejvíce samostatně ve vlastním domově. \
Služby jsou dostupné i v menších obcích, navzájem spolupracují a mají předvídatelné financování.

## Principy

- **Partnerství** zadavatelů, poskytovatelů a uživatelů služeb.
- **Otevřenost**: návrh plánu je veřejně připomínkován a výsledky plnění každý rok zveřejňujeme.
- **Přednost terénních a ambulantních služeb** před pobytovými tam, kde to potřeby lidí dovolí.
- **Efektivita**: podporujeme služby, které odpovídají zjištěným potřebám a mají měřitelné výsledky.
"""),
        (Chapter.Kind.PROCESS, "Jak plán vznikal", f"""\
Plán zpracovalo město Lipovec metodou komunitního plánování. Proces řídila koordinátorka \
komunitního plánování z odboru sociálních věcí Městského úřadu Lipovec spolu s řídící skupinou, \
v níž zasedají zástupci města, obcí ORP, poskytovatelů i uživatelů služeb.

Návrhy opatření připravilo pět pracovních skupin: Senioři; Osoby se zdravotním postižením; Rodiny \
s dětmi a mládež; Osoby ohrožené sociálním vyloučením; Duševní zdraví a závislosti. Skupiny se \
v roce 2024 sešly celkem 31krát a zapojilo se do nich 64 lidí, z toho 18 uživatelů služeb a pečujících.

## Harmonogram

| Fáze | Období | Co proběhlo |
|---|---|---|
| přípravná | leden–březen 2024 | vyhodnocení plánu 2022–2024, obnova pracovních skupin, harmonogram |
| analytická | duben–červen 2024 | sociodemografická analýza, analýza poskytovatelů, dotazníkové šetření, SWOT |
| návrhová | červenec–prosinec 2024 | priority, cíle a opatření, veřejné připomínkování, schválení |
| implementační | od ledna 2025 | akční plány, roční vyhodnocení plnění |

## Zapojení veřejnosti

Návrh plánu byl zveřejněn k připomínkám od 16. 9. do 15. 10. 2024 na tomto portálu, na úřední \
desce a v Lipoveckém zpravodaji. Uskutečnila se dvě veřejná setkání, v Lipovci a v Kamenné. \
{comments_received(len(SETTLED_ROUND_COMMENTS))}; jejich vypořádání projednala řídící skupina a je přílohou plánu.
"""),
        (Chapter.Kind.EVALUATION, "Vyhodnocení plánu na období 2022–2024", f"""\
Plán na období 2022–2024 obsahoval 3 priority a {len(previous_measures)} opatření. Pracovní \
skupiny jeho plnění vyhodnocovaly každý rok; závěrečné vyhodnocení projednala řídící skupina \
v březnu 2024.

| Opatření | Stav na konci roku 2024 |
|---|---|
{evaluation_rows}

Noclehárnu se nepodařilo zřídit, protože se proti vybranému objektu postavili obyvatelé okolních \
domů; nový plán proto s umístěním služby počítá až po jednání s nimi. Tísňovou péči nezajistil \
žádný poskytovatel, protože poptávka v jednotlivých obcích byla malá; nový plán ji řeší společnou \
zakázkou pro celé ORP.

Hlavní poučení: opatření musí mít už při schválení jasného garanta, odhad nákladů a zdroj \
financování a jeho plnění je třeba sledovat průběžně, ne až na konci období.
"""),
        (Chapter.Kind.ANALYSES, "Analýzy", """\
Plán vychází ze tří analýz zpracovaných v roce 2024: sociodemografické analýzy, analýzy \
poskytovatelů a dotazníkového šetření potřeb uživatelů. Analýzy jsou ke stažení u plánu.

## Obyvatelstvo

ORP Lipovec má 28 640 obyvatel (k 1. 1. 2024), z toho 16 210 žije v Lipovci. Podíl lidí starších \
65 let vzrostl od roku 2014 ze 17,9 % na 21,8 % a podle projekce dosáhne v roce 2030 téměř 25 %. \
Sám žije přibližně 1 900 lidí starších 65 let. Příspěvek na péči pobírá 1 240 lidí.

## Poskytovatelé

V ORP působí 14 registrovaných sociálních služeb 8 poskytovatelů. Chybí zejména odlehčovací \
služba, denní stacionář, noclehárna, podpora samostatného bydlení a krizová pomoc mimo pracovní \
dobu. Služby v menších obcích jsou dostupné jen několik dní v týdnu.

## Potřeby uživatelů

Dotazníkového šetření se zúčastnilo 612 lidí: uživatelé služeb, pečující i veřejnost. Nejčastěji \
uváděli potřebu pomoci v domácnosti večer a o víkendech (38 % pečujících), možnost si od péče \
odpočinout (54 % pečujících) a lepší informace o tom, kde pomoc hledat (47 % všech respondentů).

## SWOT analýzy

Každá pracovní skupina zpracovala SWOT analýzu své oblasti. Opatření plánu uvádějí, na které \
silné a slabé stránky, příležitosti a hrozby odpovídají.
"""),
        (Chapter.Kind.STRATEGY, "Strategická část", f"""\
Strategická část stanoví {len(priorities)} priorit a {goal_count} cílů. Každý cíl má garanta, \
pracovní skupinu, která jeho plnění sleduje a navrhuje opatření do akčních plánů. Opatření jsou \
v tabulce opatření s popisem, zdůvodněním, cílovými skupinami, odhadem nákladů, zdroji \
financování a indikátory.

## Priority

{priority_list}

Opatření navazují na nesplněné záměry předchozího plánu (noclehárna, tísňová péče) a na potřeby \
zjištěné v analýzách. Kde to jde, dává plán přednost terénním a ambulantním službám, které lidem \
umožní zůstat doma.
"""),
        (Chapter.Kind.FINANCING, "Financování", ""),  # filled in by financing_text() from the measures
        (Chapter.Kind.MONITORING, "Realizace, sledování a vyhodnocování", """\
Plán se naplňuje ročními akčními plány. Akční plán na další rok připraví pracovní skupiny do \
září; veřejnost se k němu může vyjádřit a zastupitelstvo ho schvaluje spolu s rozpočtem města.

Plnění opatření sleduje garant každého opatření. Jednou ročně, vždy do konce března, vyhodnotí \
pracovní skupiny plnění za uplynulý rok podle indikátorů a řídící skupina projedná zprávu \
o plnění. Zpráva se zveřejňuje na tomto portálu.

Plán lze během platnosti aktualizovat, když se změní potřeby lidí nebo možnosti financování. Změnu \
navrhuje pracovní skupina, projedná ji řídící skupina a schvaluje zastupitelstvo.

Na jaře 2027 začne příprava navazujícího plánu na období 2028–2030.
"""),
    ]


PREVIOUS_EVALUATION = [
    ("Rozšíření pečovatelské služby do okolních obcí", "částečně splněno"),
    ("Zavedení tísňové péče", "nesplněno, přesunuto do plánu 2025–2027"),
    ("Osobní asistence pro dospělé", "splněno"),
    ("Zachování nízkoprahového klubu Ponorka", "splněno"),
    ("Sociálně aktivizační služba pro rodiny s dětmi", "splněno"),
    ("Zřízení noclehárny", "nesplněno, přesunuto do plánu 2025–2027"),
]

FINANCING_INTRO = """\
Sociální služby v ORP Lipovec stojí ročně přibližně 96 mil. Kč. Největší část pokrývá dotace ze \
státního rozpočtu podle § 101a zákona o sociálních službách, kterou rozděluje Plzeňský kraj, dále \
úhrady uživatelů a příspěvek na péči, rozpočty obcí a zdravotní pojišťovny.

Opatření tohoto plánu znamenají odhadem tyto další náklady za rok:
"""
FINANCING_OUTRO = """
Město Lipovec přispívá na sociální služby každý rok částkou 6,5 mil. Kč ze svého dotačního \
programu; obce ORP se podílejí podle meziobecní dohody částkou 60 Kč na obyvatele za rok. Služby \
zařazené do krajské sítě mohou žádat o dotaci MPSV prostřednictvím Plzeňského kraje. Pro investice \
(noclehárna, chráněné bydlení, denní stacionář) využijeme Integrovaný regionální operační program \
a program Zaměstnanost plus (ESF+).
"""

PHASES = [
    (Plan.Phase.PREPARATORY, "2024-01-08", "2024-03-31",
     "Vyhodnocení plánu 2022–2024, obnova pracovních skupin, harmonogram"),
    (Plan.Phase.ANALYTICAL, "2024-04-01", "2024-06-30",
     "Sociodemografická analýza, analýza poskytovatelů, dotazníkové šetření, SWOT analýzy"),
    (Plan.Phase.STRATEGIC, "2024-07-01", "2024-12-31", "Priority, cíle a opatření; veřejné připomínkování; schválení"),
    (Plan.Phase.IMPLEMENTATION, "2025-01-01", "2027-12-31", "Akční plány a roční vyhodnocení plnění"),
]

# The lifecycle up to settling the comments, and from there on (measures change in between).
LIFECYCLE_COMMENTS = [
    ("open_for_comments", "2024-09-16", {}),
    ("close_comments", "2024-10-16", {}),
]
LIFECYCLE_APPROVAL = [
    ("approve_by_steering", "2024-11-18", {"steering_resolution": "ŘS/4/2024", "steering_approved_on": "2024-11-18"}),
    # The plan covers the ORP and the microregion: the town's council and the union's general
    # assembly approve it; the assembly did not get to it at its first session.
    ("decide", "2024-12-02", {"body": "Valná hromada Mikroregionu Úhlava", "kind": "assembly", "position": 2,
                              "outcome": "not_discussed", "note": "Projednání odloženo na příští zasedání."}),
    ("decide", "2024-12-09", {"body": "Zastupitelstvo města Lipovec", "position": 1,
                              "resolution_number": "ZM/12/154/2024"}),
    ("decide", "2024-12-11", {"body": "Valná hromada Mikroregionu Úhlava", "kind": "assembly",
                              "resolution_number": "VH/4/2024"}),
    ("put_in_force", "2024-12-16", {"valid_from": "2025-01-01", "valid_to": "2027-12-31"}),
]

ANALYSES = [
    (AnalysisDocument.Kind.SOCIODEMOGRAPHIC, "Sociodemografická analýza ORP Lipovec 2024",
     "socio-demograficka-analyza-2024.odt",
     "Vývoj a věková struktura obyvatel ORP Lipovec, projekce do roku 2030, příjemci příspěvku na péči "
     "a dávek, nezaměstnanost a zadluženost. Hlavní zjištění: rychle přibývá seniorů, zejména nad 80 let, "
     "a lidí, kteří žijí sami.", """\
# Sociodemografická analýza ORP Lipovec 2024

Zpracoval odbor sociálních věcí Městského úřadu Lipovec z dat ČSÚ, Úřadu práce ČR a obcí.

## Obyvatelstvo (k 1. 1. 2024)

| Ukazatel | ORP Lipovec | z toho Lipovec |
|---|---|---|
| počet obyvatel | 28 640 | 16 210 |
| podíl osob 65+ | 21,8 % | 22,6 % |
| podíl osob 80+ | 4,9 % | 5,3 % |
| podíl dětí do 14 let | 15,1 % | 14,7 % |

## Hlavní zjištění

- Podíl lidí nad 65 let vzroste do roku 2030 téměř na 25 %.
- Sám žije přibližně 1 900 lidí starších 65 let.
- Příspěvek na péči pobírá 1 240 lidí, z toho 62 % ve III. a IV. stupni závislosti.
- Exekuci má 9 % dospělých obyvatel ORP.
"""),
    (AnalysisDocument.Kind.USER_NEEDS, "Dotazníkové šetření potřeb uživatelů sociálních služeb 2024",
     "setreni-potreb-uzivatelu-2024.odt",
     "Šetření mezi uživateli služeb, pečujícími a veřejností (612 odpovědí, duben–květen 2024). Lidé "
     "nejvíce postrádají pomoc večer a o víkendech, odlehčovací služby a informace o tom, kde pomoc hledat.",
     """\
# Dotazníkové šetření potřeb uživatelů sociálních služeb 2024

Šetření proběhlo od 2. 4. do 31. 5. 2024 online a v tištěné podobě u poskytovatelů a na obecních úřadech.

## Respondenti

- uživatelé sociálních služeb: 214
- pečující osoby: 167
- veřejnost: 231

## Co lidem nejvíce chybí

| Potřeba | podíl odpovědí |
|---|---|
| pomoc v domácnosti večer a o víkendech (pečující) | 38 % |
| možnost si od péče odpočinout (pečující) | 54 % |
| informace o tom, kde pomoc hledat (všichni) | 47 % |
| služby v místě bydliště mimo Lipovec (všichni) | 41 % |
"""),
]

# --- action plans -------------------------------------------------------------------------------

# (title of the midterm measure carried out, what happens in the year, cost, indicator)
ACTION_PLAN_2025_MEASURES = [
    ("Rozšíření pečovatelské služby o večery a víkendy",
     "Zavést večerní provoz do 20 hodin od 1. 3. 2025 a víkendový provoz od 1. 9. 2025.", 1_100_000,
     ("Počet klientů využívajících službu večer a o víkendech", "klienti", 0, 15)),
    ("Pečovatelská služba v malých obcích ORP",
     "Uzavřít meziobecní dohodu a rozšířit službu na 5 dní v týdnu v Březí, Olšanech a Zálesí.", 700_000,
     ("Počet obcí se službou 5 dní v týdnu", "obce", 5, 8)),
    ("Pobytová odlehčovací služba",
     "Vyčlenit první 2 lůžka odlehčovací služby od 1. 4. 2025.", 600_000,
     ("Počet lůžek odlehčovací služby", "lůžka", 0, 2)),
    ("Rozšíření osobní asistence",
     "Navýšit osobní asistenci o 1,5 úvazku a zahájit asistenci ve škole.", 800_000,
     ("Počet hodin přímé péče za rok", "hodiny", 21_000, 23_500)),
    ("Posílení sociálně aktivizační služby pro rodiny s dětmi",
     "Přijmout 1 pracovnici pro rodiny v obcích ORP.", 550_000,
     ("Počet podpořených rodin za rok", "rodiny", 32, 40)),
    ("Nízkoprahový klub Ponorka a výjezdy do obcí",
     "Provoz klubu 5 dní v týdnu; výjezdní klub v Lužanech od září 2025.", 1_150_000,
     ("Počet uživatelů za rok", "uživatelé", 65, 75)),
    ("Zřízení noclehárny",
     "Informační setkání s obyvateli, výběr objektu a projektová dokumentace.", 250_000,
     ("Zpracovaná projektová dokumentace", "dokument", 0, 1)),
    ("Dluhové poradenství",
     "Navýšit poradnu o 0,5 úvazku; konzultace v Kamenné a Olšanech jednou měsíčně.", 480_000,
     ("Počet klientů dluhové poradny za rok", "klienti", 140, 180)),
    ("Rozvoj centra duševního zdraví",
     "Přijmout do terénního týmu peer konzultanta a sociálního pracovníka na 0,5 úvazku.", 900_000,
     ("Počet klientů centra", "klienti", 120, 135)),
    ("Kontaktní centrum pro uživatele návykových látek",
     "Zachovat provoz a prodloužit provozní dobu o jedno odpoledne v týdnu.", 1_000_000,
     ("Počet klientů za rok", "klienti", 180, 195)),
]
ACTION_PLAN_2026_MEASURES = [
    ("Rozšíření pečovatelské služby o večery a víkendy",
     "Plný víkendový provoz včetně dovozu obědů o víkendech a svátcích.", 1_900_000,
     ("Počet klientů využívajících službu večer a o víkendech", "klienti", 15, 30)),
    ("Denní stacionář pro seniory s demencí",
     "Dokončit stavební úpravy a zahájit provoz s kapacitou 8 míst od 1. 9. 2026.", 900_000,
     ("Kapacita denního stacionáře", "místa", 0, 8)),
    ("Podpora domácí hospicové a paliativní péče",
     "Příspěvek na provoz mobilního hospice a nákup pomůcek do půjčovny.", 350_000,
     ("Počet rodin podpořených při domácí péči o umírající", "rodiny", 15, 22)),
    ("Podpora samostatného bydlení",
     "Zaregistrovat službu a nastěhovat první 4 uživatele do městských bytů.", 600_000,
     ("Počet uživatelů služby", "uživatelé", 0, 4)),
    ("Chráněné bydlení v komunitě",
     "Zahájit provoz první domácnosti chráněného bydlení pro 3 osoby.", 1_100_000,
     ("Počet míst v chráněném bydlení", "místa", 0, 3)),
    ("Terénní práce s mládeží",
     "Zahájit terénní program v Lipovci s jedním terénním pracovníkem.", 550_000,
     ("Počet kontaktovaných mladých lidí za rok", "osoby", 0, 40)),
    ("Zřízení noclehárny",
     "Stavební úpravy objektu a zahájení provozu noclehárny od 1. 11. 2026.", 900_000,
     ("Počet lůžek noclehárny", "lůžka", 0, 10)),
    ("Nízkoprahové denní centrum",
     "Najít prostory a připravit registraci denního centra od roku 2027.", 150_000,
     ("Vybrané a upravené prostory", "objekt", 0, 1)),
    ("Krizová pomoc mimo pracovní dobu",
     "Spustit krizový telefon ve všední dny do 22 hodin.", 900_000,
     ("Počet krizových intervencí za rok", "intervence", 0, 150)),
    ("Služby následné péče po léčbě závislosti",
     "Zahájit skupinový program následné péče a připravit první tréninkový byt.", 400_000,
     ("Počet uživatelů programu", "uživatelé", 0, 6)),
]


class ActionPlan(NamedTuple):
    slug: str
    title: str
    year: int
    summary: str
    chapters: list
    measures: list
    lifecycle: list


ACTION_PLANS = [
    ActionPlan(
        "ap-2025", "Akční plán sociálních služeb na Lipovecku na rok 2025", 2025,
        "Opatření střednědobého plánu 2025–2027, která se uskuteční v roce 2025, s náklady a zdroji financování.",
        [(Chapter.Kind.INTRODUCTION, "Úvod", """\
Akční plán na rok 2025 je prvním akčním plánem Střednědobého plánu rozvoje sociálních služeb na \
Lipovecku na období 2025–2027. Vybírá opatření, která se v roce 2025 začnou uskutečňovat nebo \
pokračují, a uvádí, kolik budou stát a kdo je zajistí.

Akční plán připravily pracovní skupiny v září 2024 a veřejnost se k němu mohla vyjádřit od \
21. 10. do 4. 11. 2024.
"""), (Chapter.Kind.FINANCING, "Financování", """\
Příspěvek města na opatření akčního plánu je zahrnut v rozpočtu města Lipovec na rok 2025 \
v dotačním programu pro sociální služby. Poskytovatelé služeb v krajské síti žádají o dotaci MPSV \
prostřednictvím Plzeňského kraje do konce listopadu 2024.
""")],
        ACTION_PLAN_2025_MEASURES,
        [("open_for_comments", "2024-10-21", {}),
         ("close_comments", "2024-11-04", {}),
         ("approve_by_steering", "2024-11-18", {"steering_resolution": "ŘS/5/2024",
                                                "steering_approved_on": "2024-11-18"}),
         ("decide", "2024-12-09", {"body": "Zastupitelstvo města Lipovec", "resolution_number": "ZM/12/155/2024"}),
         ("put_in_force", "2024-12-16", {"valid_from": "2025-01-01", "valid_to": "2025-12-31"})],
    ),
    ActionPlan(
        "ap-2026", "Akční plán sociálních služeb na Lipovecku na rok 2026", 2026,
        "Návrh akčního plánu na rok 2026 je otevřen k připomínkám. Vyjádřit se může kdokoli.",
        [(Chapter.Kind.INTRODUCTION, "Úvod", """\
Akční plán na rok 2026 je druhým akčním plánem Střednědobého plánu rozvoje sociálních služeb na \
Lipovecku na období 2025–2027. Navazuje na vyhodnocení roku 2025: pečovatelská služba už funguje \
večer, odlehčovací lůžka jsou obsazena a projekt noclehárny je připraven ke stavbě.

V roce 2026 se akční plán soustředí na nové služby, které plán slibuje: denní stacionář, \
noclehárnu, chráněné bydlení a krizovou pomoc mimo pracovní dobu. Nově obsahuje podporu domácí \
hospicové péče, doplněnou do střednědobého plánu na základě připomínek veřejnosti.
"""), (Chapter.Kind.FINANCING, "Financování", """\
Náklady opatření jsou odhadem; konečná výše příspěvku města bude známa po schválení rozpočtu \
města na rok 2026 v prosinci. K návrhu se můžete vyjádřit do konce připomínkování, viz stránka Připomínky.
""")],
        ACTION_PLAN_2026_MEASURES,
        [("open_for_comments", "2026-11-02", {})],
    ),
    # The action plan for 2027 is made from this one by carrying over (planning.monitoring.demo).
]


# --- building -----------------------------------------------------------------------------------


class CodeLists:
    """The rows measures point at, fetched once: a misspelt name fails loudly with a KeyError."""

    def __init__(self):
        self.target_groups = {group.name: group for group in TargetGroup.objects.all()}
        self.service_types = {service.section: service for service in ServiceType.objects.filter(country="CZ")}
        self.funding_sources = {source.code: source for source in FundingSource.objects.all()}
        self.groups = {group.slug: group for group in Group.objects.filter(slug__in=GROUP_CHAIRS)}


def seed(scale, log, people):
    coordinator = people["coordinator"]
    codes = CodeLists()
    orp = Territory.objects.get(kind=Territory.Kind.ORP, code="9901")
    territories = [orp]  # the ORP stands for its municipalities
    # The current plan's area: the ORP and the microregion, without the union that plans on its own.
    area = ([orp, Territory.objects.get(kind=Territory.Kind.MICROREGION, name="Mikroregion Úhlava")],
            [Territory.objects.get(kind=Territory.Kind.DSO, name=OWN_PLAN_UNION)])
    existing = []

    previous = existing_plan("sp-2022-2024", existing)
    if previous is None:
        previous = create_previous_plan(codes, territories, coordinator)
    current = existing_plan("sp-2025-2027", existing)
    if current is None:
        places = [m.name for m in orp.municipalities().order_by("code") if m.name != orp.name]
        current = create_current_plan(codes, area, coordinator, previous, scale, places)
    for spec in ACTION_PLANS:
        if existing_plan(spec.slug, existing) is None:
            create_action_plan(spec, current, area, coordinator)

    midterm = Plan.objects.midterm().count()
    action = Plan.objects.filter(kind=Plan.Kind.ACTION).count()
    note = f" (beze změny, už existovaly: {', '.join(existing)})" if existing else ""
    log(f"Plány: {midterm} střednědobé plány, {action} akční plány, "
        f"{current.measures.count()} opatření v plánu {current.period}{note}")


def existing_plan(slug, existing):
    plan = Plan.objects.filter(slug=slug).first()
    if plan is not None:
        existing.append(slug)
    return plan


def create_previous_plan(codes, territories, by):
    plan = Plan.objects.create(
        kind=Plan.Kind.MIDTERM, slug="sp-2022-2024", year_from=2022, year_to=2024, phase=Plan.Phase.STRATEGIC,
        title="Střednědobý plán rozvoje sociálních služeb na Lipovecku na období 2022–2024",
        summary="Předchozí plán rozvoje sociálních služeb v ORP Lipovec. Nahradil ho plán na období 2025–2027.",
    )
    plan.territories.set(territories)
    add_phases(plan, PREVIOUS_PHASES)
    add_chapters(plan, PREVIOUS_CHAPTERS)
    goals = add_tree(plan, PREVIOUS_PRIORITIES, codes)
    add_measures(plan, goals, PREVIOUS_MEASURES, codes)
    plan.renumber()
    run_lifecycle(plan, by, PREVIOUS_LIFECYCLE)
    return plan


def create_current_plan(codes, area, by, previous, scale, places):
    plan = Plan.objects.create(
        kind=Plan.Kind.MIDTERM, slug="sp-2025-2027", year_from=2025, year_to=2027, phase=Plan.Phase.STRATEGIC,
        title="Střednědobý plán rozvoje sociálních služeb na Lipovecku na období 2025–2027",
        summary="Plán na tři roky popisuje, jaké sociální služby lidé na Lipovecku potřebují a jak je budeme "
                "rozvíjet: pro seniory a pečující, lidi se zdravotním postižením, rodiny s dětmi, lidi ohrožené "
                "sociálním vyloučením a v oblasti duševního zdraví a závislostí.",
        supersedes=previous,
    )
    plan.set_area(*area)
    add_phases(plan, PHASES)
    add_chapters(plan, current_chapters(PRIORITIES, PREVIOUS_EVALUATION))
    add_analyses(plan)
    goals = add_tree(plan, PRIORITIES, codes)
    swot = add_swot(plan, codes)
    add_measures(plan, goals, MEASURES, codes, swot, copies=scale, places=places)
    plan.renumber()
    update_financing(plan)

    run_lifecycle(plan, by, LIFECYCLE_COMMENTS)
    settle_comments(plan, goals, codes, swot, by)
    run_lifecycle(plan, by, LIFECYCLE_APPROVAL)  # the previous plan is archived from this one's first day
    return plan


def settle_comments(plan, goals, codes, swot, by):
    """Work the public comments into the plan: edit two measures, add one, drop one."""
    edited = plan.measures.get(title=EDITED_MEASURE)
    edited.description += EDITED_DESCRIPTION
    edited.annual_cost = EDITED_COST
    edited.partners = EDITED_PARTNERS
    touch(edited, by)
    resized = plan.measures.get(title=RESIZED_MEASURE)
    resized.description = RESIZED_DESCRIPTION
    resized.capacity_change = 10
    touch(resized, by)
    resized.indicators.filter(unit="lůžka").update(target=10)
    plan.measures.get(title=DROPPED_MEASURE).delete()
    add_measures(plan, goals, [ADDED_MEASURE], codes, swot, first_position=1000)
    plan.renumber()
    update_financing(plan)


def touch(row, by):
    row.revision += 1
    row.updated_by = by
    row.save()


def create_action_plan(spec, midterm, area, by):
    plan = Plan.objects.create(
        kind=Plan.Kind.ACTION, midterm_plan=midterm, slug=spec.slug, title=spec.title, summary=spec.summary,
        year_from=spec.year, year_to=spec.year, phase=Plan.Phase.STRATEGIC,
    )
    plan.set_area(*area)
    add_chapters(plan, spec.chapters)
    implemented = {
        measure.title: measure
        for measure in midterm.measures.filter(title__in=[row[0] for row in spec.measures])
        .select_related("goal__priority").prefetch_related("target_groups", "funding_sources")
    }
    priorities, goals = {}, {}
    for title, description, cost, (name, unit, baseline, target) in spec.measures:
        source = implemented[title]
        goal = goals.get(source.goal_id)
        if goal is None:
            midterm_priority = source.goal.priority
            priority = priorities.get(midterm_priority.pk)
            if priority is None:
                priority = priorities[midterm_priority.pk] = Priority.objects.create(
                    plan=plan, position=midterm_priority.position, title=midterm_priority.title,
                    description=midterm_priority.description,
                )
            goal = goals[source.goal_id] = Goal.objects.create(
                priority=priority, group_id=source.goal.group_id, position=source.goal.position,
                title=source.goal.title, description=source.goal.description,
            )
        measure = Measure.objects.create(
            goal=goal, implements=source, position=source.position, title=source.title, description=description,
            rationale=source.rationale, service_type_id=source.service_type_id, service_form=source.service_form,
            responsible=source.responsible, implementer=source.implementer, partners=source.partners,
            year_from=spec.year, year_to=spec.year, annual_cost=cost,
        )
        measure.target_groups.set(source.target_groups.all())
        measure.funding_sources.set(source.funding_sources.all())
        Indicator.objects.create(measure=measure, name=name, unit=unit, baseline=baseline, target=target)
    plan.renumber()
    run_lifecycle(plan, by, spec.lifecycle)
    return plan


def add_phases(plan, phases):
    PlanPhase.objects.bulk_create([
        PlanPhase(plan=plan, phase=phase, starts_on=date(starts), ends_on=date(ends), description=description)
        for phase, starts, ends, description in phases
    ])


def add_chapters(plan, chapters):
    Chapter.objects.bulk_create([
        Chapter(plan=plan, position=position, kind=kind, title=title, body=body)
        for position, (kind, title, body) in enumerate(chapters, start=1)
    ])


def add_analyses(plan):
    """The analyses as OpenDocument texts, as a town would upload them; a file an earlier seed (or a
    dry run) left with the same content is used again rather than stored twice."""
    field = AnalysisDocument._meta.get_field("file")
    for position, (kind, title, filename, summary, content) in enumerate(ANALYSES, start=1):
        document = AnalysisDocument(plan=plan, kind=kind, title=title, summary=summary, position=position)
        data = odt(title, content)
        field.run_validators(ContentFile(data, name=filename))  # what the portal would accept from a person
        stored = stored_copy(field.storage, field.upload_to.prefix, filename, data)
        if stored:
            document.file.name = stored
        else:
            document.file.save(filename, ContentFile(data), save=False)
        document.save()


def stored_copy(storage, prefix, filename, data):
    """The name of a file `<prefix>/<token>/<filename>` already stored with this content, or None."""
    if not storage.exists(prefix):
        return None
    for directory in storage.listdir(prefix)[0]:
        name = f"{prefix}/{directory}/{filename}"
        if storage.exists(name) and same_content(storage, name, data):
            return name
    return None


def same_content(storage, name, data):
    with storage.open(name) as existing:
        return existing.read() == data


ODF_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)
ODF_STYLES = """<office:automatic-styles>
<style:style style:name="H1" style:family="paragraph"><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/>
</style:style>
<style:style style:name="H2" style:family="paragraph"><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>
</style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000"
 fo:padding="0.1cm"/></style:style>
</office:automatic-styles>"""


def odt(title, text):
    """A minimal OpenDocument text of a Markdown `text` (headings, paragraphs, lists, tables); the
    same text gives the same bytes."""
    html = markdown.markdown(text, extensions=["tables"], output_format="xhtml")
    body = "".join(_odf(element) for element in ElementTree.fromstring(f"<div>{html}</div>"))
    parts = [
        ("mimetype", "application/vnd.oasis.opendocument.text"),  # first and stored, as ODF requires
        ("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
         '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
         'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
         '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
         '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
         "</manifest:manifest>"),
        ("meta.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ODF_NAMESPACES}>'
         f"<office:meta><dc:title>{escape(title)}</dc:title><dc:language>cs-CZ</dc:language></office:meta>"
         "</office:document-meta>"),
        ("content.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NAMESPACES}>'
         f"{ODF_STYLES}<office:body><office:text>{body}</office:text></office:body></office:document-content>"),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, content) in enumerate(parts):
            entry = zipfile.ZipInfo(name, date_time=(2024, 6, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_STORED if index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(entry, content)
    return buffer.getvalue()


def _odf(element):
    def plain(node):
        return escape("".join(node.itertext()).strip())

    if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        level = int(element.tag[1])
        return f'<text:h text:style-name="H{min(level, 2)}" text:outline-level="{level}">{plain(element)}</text:h>'
    if element.tag in ("ul", "ol"):
        items = "".join(f"<text:list-item><text:p>{plain(item)}</text:p></text:list-item>" for item in element)
        return f"<text:list>{items}</text:list>"
    if element.tag == "table":
        rows = list(element.iter("tr"))
        cells = "".join(
            "<table:table-row>" + "".join(
                f'<table:table-cell table:style-name="Cell" office:value-type="string"><text:p>{plain(cell)}</text:p>'
                "</table:table-cell>" for cell in row
            ) + "</table:table-row>"
            for row in rows
        )
        columns = f'<table:table-column table:number-columns-repeated="{len(rows[0])}"/>'
        return f"<table:table>{columns}{cells}</table:table>"
    return f"<text:p>{plain(element)}</text:p>"


def add_tree(plan, priorities, codes):
    """Create the priorities and their goals; return the goals by their code-to-be (1.2)."""
    goals = {}
    for priority_number, (title, description, priority_goals) in enumerate(priorities, start=1):
        priority = Priority.objects.create(plan=plan, position=priority_number, title=title, description=description)
        for goal_number, (group_slug, goal_title) in enumerate(priority_goals, start=1):
            goals[f"{priority_number}.{goal_number}"] = Goal.objects.create(
                priority=priority, group=codes.groups[group_slug], position=goal_number, title=goal_title,
            )
    return goals


def add_swot(plan, codes):
    """Create each working group's SWOT; return the items by (group slug, "W1")."""
    keys, items = [], []
    for slug, kinds in SWOT.items():
        for kind, texts in kinds.items():
            for position, text in enumerate(texts, start=1):
                keys.append((slug, f"{kind}{position}"))
                items.append(SwotItem(plan=plan, group=codes.groups[slug], kind=kind, position=position, text=text))
    return dict(zip(keys, SwotItem.objects.bulk_create(items), strict=True))


def add_measures(plan, goals, rows, codes, swot=None, copies=1, places=(), first_position=1):
    """Create measures with their indicators, activities and links, in a few bulk queries.

    With copies > 1 every measure is repeated for further municipalities (`places`), for benchmarks.
    """
    positions = Counter()
    built = []
    for row in rows:
        goal = goals[row.goal]
        for copy in range(copies):
            place = places[(copy - 1) % len(places)] if copy else ""
            measure = Measure(
                plan=plan, goal=goal, group_id=goal.group_id, position=first_position + positions[row.goal],
                **measure_fields(row, codes, goal, place),
            )
            positions[row.goal] += 1
            built.append((measure, row))
    Measure.objects.bulk_create([measure for measure, _row in built])

    indicators, activities = [], []
    links = {Measure.target_groups: [], Measure.funding_sources: [], Measure.swot_items: []}
    for measure, row in built:
        indicators += [
            Indicator(measure=measure, position=position, name=name, unit=unit, baseline=baseline, target=target)
            for position, (name, unit, baseline, target) in enumerate(row.indicators, start=1)
        ]
        activities += [
            Activity(measure=measure, position=position, title=title, timeframe=timeframe,
                     responsible=measure.implementer)
            for position, (title, timeframe) in enumerate(row.activities, start=1)
        ]
        links[Measure.target_groups] += [(measure, codes.target_groups[name]) for name in row.target_groups]
        links[Measure.funding_sources] += [(measure, codes.funding_sources[code]) for code in row.funding]
        if swot:
            links[Measure.swot_items] += [(measure, swot[(measure.goal.group.slug, key)]) for key in row.swot]
    Indicator.objects.bulk_create(indicators)
    Activity.objects.bulk_create(activities)
    for descriptor, pairs in links.items():
        bulk_link(descriptor, pairs)


def measure_fields(row, codes, goal, place):
    change, unit = row.capacity or (None, "")
    title, description = row.title, row.description
    if place:
        title = f"{title} – {place}"
        description = f"{description}\n\nOpatření se týká obce {place}."
    return {
        "title": title, "description": description, "rationale": row.rationale,
        "service_type": codes.service_types[row.service] if row.service else None,
        "service_form": row.form, "capacity_change": change, "capacity_unit": unit,
        "responsible": row.responsible or GROUP_CHAIRS[goal.group.slug], "implementer": row.implementer,
        "partners": row.partners, "year_from": row.years[0], "year_to": row.years[1], "annual_cost": row.cost,
        "expected_outputs": row.outputs,
    }


def bulk_link(descriptor, pairs):
    """Fill a many-to-many relation of Measure with one insert."""
    field = descriptor.field
    through = descriptor.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    through.objects.bulk_create([through(**{source: a, target: b}) for a, b in pairs])


def update_financing(plan):
    """Write the financing chapter from the measures' costs as they are now."""
    rows = (
        Measure.objects.filter(plan=plan).values("goal__priority__code", "goal__priority__title")
        .annotate(total=Sum("annual_cost")).order_by("goal__priority__position")
    )
    lines = ["| Priorita | Odhad nákladů za rok |", "|---|---|"]
    lines += [f"| {row['goal__priority__code']} {row['goal__priority__title']} | {money(row['total'])} |"
              for row in rows]
    lines.append(f"| **Celkem** | **{money(sum(row['total'] or 0 for row in rows))}** |")
    body = f"{FINANCING_INTRO}\n" + "\n".join(lines) + "\n" + FINANCING_OUTRO
    plan.chapters.filter(kind=Chapter.Kind.FINANCING).update(body=body)


def comments_received(count):
    """ "Přišly 4 připomínky": the chapter counts the comments of the demo's settled round."""
    if count == 1:
        return "Přišla 1 připomínka"
    if 2 <= count <= 4:
        return f"Přišly {count} připomínky"
    return f"Přišlo {count} připomínek"


def money(value):
    return f"{int(value or 0):,} Kč".replace(",", " ")


def run_lifecycle(plan, by, steps):
    """Take the plan through lifecycle steps, each dated: its version and history get that date.
    A "decide" step records a decision of an approving body, which the plan names from its
    first step on."""
    bodies = {}
    for name, _on, values in steps:
        if name == "decide" and values["body"] not in bodies:
            bodies[values["body"]] = ApprovingBody.objects.get_or_create(
                plan=plan, name=values["body"],
                defaults={"kind": values.get("kind", ApprovingBody.Kind.COUNCIL),
                          "position": values.get("position", len(bodies) + 1)})[0]
    for name, on, values in steps:
        last_log = ActionLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        if name == "decide":
            moment = timezone.make_aware(datetime.datetime.combine(date(on), datetime.time(10)))
            decision = Decision(body=bodies[values["body"]], outcome=values.get("outcome", Decision.Outcome.APPROVED),
                                resolution_number=values.get("resolution_number", ""), decided_on=date(on),
                                note=values.get("note", ""), recorded_at=moment)
            version = record_decision(plan, by, decision, render_pdf=False)
        else:
            version = plan.transition(name, by, **{field: parse(value) for field, value in values.items()})
        moment = timezone.make_aware(datetime.datetime.combine(date(on), datetime.time(10)))
        # Backdating is for the demo only: the models keep versions and history unchangeable otherwise.
        ActionLog.objects.filter(pk__gt=last_log).update(created_at=moment)
        if version is not None:
            PlanVersion.objects.filter(pk=version.pk).update(created_at=moment)


def date(value):
    return datetime.date.fromisoformat(value)


def parse(value):
    """Lifecycle values are text; the dates among them become dates."""
    try:
        return date(value)
    except ValueError:
        return value
