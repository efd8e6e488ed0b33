"""Writes catalogue/demo/registry.json, the demo's registry file: run it after editing the tables below.

    .venv/bin/python catalogue/demo/make_registry.py

The file has the shape of the national registry's open data (RPSS, see the catalogue's issue): ~30
made-up providers and ~60 services in the made-up territory of Lipovec (the municipality codes of
kpss/demo.py), with the traps the real file has: a facility listed twice, facilities without an
address-point code, an ended registration, an ended facility, IČO with leading zeros (one of them
written as a number), a type code the portal does not know (DruhSocialniSluzby/35, a centrum
duševního zdraví), target group codes it does not know, secret addresses (an intervention centre and
a shelter; the file still carries their street, the import must drop it), a service outside the
territory (skipped) and statutory bodies (names of people, never imported). All names, addresses,
IČO, phones and web addresses are fictional (the domains end in .example).
"""

import json
from pathlib import Path

OUT = Path(__file__).with_name("registry.json")

# The demo territory (kpss/demo.py): municipality codes 990001..990012 in this order.
MUNICIPALITIES = [
    "Lipovec", "Březí", "Dubová Lhota", "Hradiště nad Úhlavou", "Kamenná", "Lužany",
    "Malá Víska", "Nová Ves u Lipovce", "Olšany", "Podhájí", "Svatá Kateřina", "Zálesí",
]
DISTRICT = {"id": "Okres/3499", "nazev": "Lipovec"}  # made up, like the town
REGION = {"id": "Kraj/43", "nazev": "Plzeňský kraj"}
POSTCODES = {"Lipovec": "33901", "Březí": "33902", "Dubová Lhota": "33903", "Hradiště nad Úhlavou": "33905",
             "Kamenná": "33906", "Lužany": "33907", "Malá Víska": "33908", "Nová Ves u Lipovce": "33909",
             "Olšany": "33911", "Podhájí": "33912", "Svatá Kateřina": "33913", "Zálesí": "33914"}
ELSEWHERE = {"obec": ("554791", "Plzeň"), "okres": ("3405", "Plzeň-město"), "psc": "31200"}

# key: (IČO, name, domain, statutory body)
PROVIDERS = {
    "ssml": ("00366781", "Sociální služby města Lipovce, příspěvková organizace", "ssml", "Ing. Radka Malá"),
    "dspa": (576123, "Domov pro seniory Pačlavice, příspěvková organizace", "dspaclavice", "Mgr. Karel Dušek"),
    "charita": ("44938191", "Oblastní charita Lipovec", "charita-lipovec", "Mgr. Josef Kolář"),
    "diakonie": ("73632805", "Diakonie ČCE – středisko Úhlava", "diakonie-uhlava", "Bc. Marta Šimková"),
    "icentrum": ("26612259", "Persefona Úhlava, z. ú.", "persefona-uhlava", "Mgr. Irena Holá"),
    "ulice": ("22735461", "Ulice – spolek pro prevenci závislostí, z. s.", "ulice-lipovec", "Mgr. Ondřej Beneš"),
    "ranapece": ("27044939", "Raná péče Úhlava, o. p. s.", "ranapece-uhlava", "Mgr. Lenka Pokorná"),
    "rodina": ("26528622", "Centrum pro rodinu Lipovec, z. s.", "rodina-lipovec", "Ing. Tereza Vondrová"),
    "fokus": ("02796091", "Fokus Úhlava, z. ú.", "fokus-uhlava", "MUDr. Aleš Říha"),
    "linka": ("26994232", "Linka důvěry Lipovec, z. s.", "linka-lipovec", "PhDr. Věra Kadlecová"),
    "tlumoceni": ("26541581", "Tichý svět Západ, o. p. s.", "tichysvet-zapad", "Bc. Roman Štěpánek"),
    "asistence": ("27018849", "Asistence Úhlava, z. ú.", "asistence-uhlava", "Mgr. Michaela Jelínková"),
    "tisnova": ("03615029", "Život bez obav, z. ú.", "zivotbezobav", "Ing. Filip Bartoš"),
    "brezi": ("00256501", "Obec Březí", "brezi", "Josef Hrubý"),
    "hradiste": ("00256617", "Městys Hradiště nad Úhlavou", "hradiste-nad-uhlavou", "Ing. Alena Kopecká"),
    "sousede": ("22668853", "Spolek Sousedé, z. s.", "sousede-luzany", "Marie Vlčková"),
    "nemocnice": ("26360900", "Nemocnice Lipovec, a. s.", "nemocnice-lipovec", "MUDr. Pavel Šťastný"),
    "novystart": ("26678519", "Nový start Úhlava, z. ú.", "novystart-uhlava", "Mgr. David Král"),
    "kotva": ("26569311", "Kotva, z. ú.", "kotva-mala-viska", "Mgr. Jiří Sýkora"),
    "seniorhelp": ("05879402", "Senior Help Lipovec, s. r. o.", "seniorhelp-lipovec", "Ing. Milan Růžička"),
    "doubravka": ("00075370", "Domov pro seniory Doubravka, příspěvková organizace", "ds-doubravka",
                  "Mgr. Hana Křížová"),
    "hospic": ("22661042", "Domácí hospic Úhlava, z. s.", "hospic-uhlava", "MUDr. Zdeňka Fialová"),
    "alzheimer": ("07612181", "Domov Na Vršku Olšany, z. ú.", "navrsku-olsany", "Mgr. Petra Hájková"),
    "stp": ("66362521", "Svaz tělesně postižených v ČR, místní organizace Lipovec", "stp-lipovec",
            "Václav Pešek"),
    "poradna": ("22888454", "Občanská poradna Úhlava, z. s.", "obcanskaporadna-uhlava", "JUDr. Eliška Vacková"),
    "tyflo": ("26594765", "Tyflocentrum Úhlava, o. p. s.", "tyflocentrum-uhlava", "Mgr. Lukáš Moravec"),
    "zalesi": ("00573566", "Sociální služby Zálesí, příspěvková organizace", "ss-zalesi", "Bc. Jitka Urbanová"),
    "dubova": ("00256552", "Obec Dubová Lhota", "dubovalhota", "Stanislav Kříž"),
    "kamenna": ("00256587", "Obec Kamenná", "kamenna", "Ing. Lubomír Novotný"),
    "slunce": ("01593897", "Slunce všem, z. ú.", "slunce-podhaji", "Mgr. Renata Dolejšová"),
}

# Age groups: the registry's VekovaSkupinaOsoby codes (the demo's names for them are in catalogue/demo).
BABIES, PRESCHOOL, CHILDREN, YOUTH, TEENS, YOUNG_ADULTS, ADULTS, SENIORS, OLD_SENIORS = range(1, 10)
ALL_AGES = list(range(1, 10))
GROWN_UPS = [YOUNG_ADULTS, ADULTS, SENIORS, OLD_SENIORS]
OLD = [SENIORS, OLD_SENIORS]
# Target groups: 24 senioři, 26 pečující osoby, 27 paliativní péče, 30 demence are known to the portal;
# the demo also uses codes it does not know (reported by the import until the coordinator names them).
SENIORS_TG, CARERS, PALLIATIVE, DEMENTIA = 24, 26, 27, 30
HOMELESS, VIOLENCE, FAMILIES, MENTAL = 13, 18, 19, 8

# Each service: provider, type code, forms [(form, [(count, unit)])], target groups, age groups,
# facilities [(name, municipality index, street, number, options)], options.
# Facility options: point=None (no address-point code), secret=True, ends="YYYY-MM-DD", part="castObce".
SERVICES = [
    ("ssml", 4, [("ter", [(180, "klient")]), ("amb", [(20, "klient")])], [SENIORS_TG, CARERS], GROWN_UPS,
     [("Pečovatelská služba města Lipovce", 0, "Husova", 512, {})], {}),
    ("ssml", 13, [("pob", [(96, "luzka")])], [SENIORS_TG], OLD,
     # the registry lists this facility twice
     [("Domov pro seniory Lipovec", 0, "Nemocniční", 1120, {}),
      ("Domov pro seniory Lipovec", 0, "Nemocniční", 1120, {})],
     {"non_stop": True}),
    ("ssml", 14, [("pob", [(42, "luzka")])], [DEMENTIA, SENIORS_TG], OLD,
     [("Domov se zvláštním režimem Lipovec", 0, "Nemocniční", 1121, {})], {"non_stop": True}),
    ("ssml", 8, [("pob", [(6, "luzka")]), ("ter", [(25, "klient")])], [SENIORS_TG, CARERS], GROWN_UPS,
     [("Odlehčovací služba Lipovec", 0, "Nemocniční", 1120, {})], {"non_stop": True}),
    ("ssml", 10, [("amb", [(15, "klient")])], [SENIORS_TG, DEMENTIA], OLD,
     [("Denní stacionář Lipovec", 0, "Husova", 512, {})], {}),
    ("dspa", 13, [("pob", [(64, "luzka")])], [SENIORS_TG], OLD,
     [("Domov pro seniory Pačlavice", 4, "Zámecká", 1, {"part": "Pačlavice"})], {"non_stop": True}),
    ("dspa", 14, [("pob", [(28, "luzka")])], [DEMENTIA], OLD,
     [("Domov se zvláštním režimem Pačlavice", 4, "Zámecká", 3, {"part": "Pačlavice", "point": None})],
     {"non_stop": True}),
    ("charita", 4, [("ter", [(120, "klient")])], [SENIORS_TG, CARERS], GROWN_UPS,
     [("Charitní pečovatelská služba Lipovec", 0, "Kostelní", 45, {}),
      # an ended facility of a service still registered
      ("Charitní pečovatelská služba – středisko Březí", 1, "Návesní", 12, {"ends": "2023-12-31"})], {}),
    ("charita", 3, [("ter", [(40, "klient")])], [SENIORS_TG, CARERS], [CHILDREN, YOUTH, TEENS, *GROWN_UPS],
     [("Osobní asistence Charity Lipovec", 0, "Kostelní", 45, {})], {"non_stop": True}),
    ("charita", 1, [("amb", [(6, "kontakt")]), ("ter", [(2, "kontakt")])], [SENIORS_TG, CARERS, HOMELESS],
     GROWN_UPS, [("Charitní poradna Lipovec", 0, "Kostelní", 45, {})], {}),
    ("charita", 20, [("pob", [(24, "luzka")])], [FAMILIES, VIOLENCE],
     [BABIES, PRESCHOOL, CHILDREN, YOUNG_ADULTS, ADULTS],
     [("Azylový dům pro matky s dětmi Lipovec", 0, "Polní", 230, {"secret": True})], {"non_stop": True}),
    ("charita", 26, [("amb", [(12, "luzka")])], [HOMELESS], GROWN_UPS,
     [("Noclehárna Charity Lipovec", 0, "Nádražní", 318, {})], {}),
    ("charita", 24, [("amb", [(30, "klient")])], [HOMELESS], GROWN_UPS,
     [("Nízkoprahové denní centrum Lipovec", 0, "Nádražní", 318, {})], {}),
    ("charita", 32, [("ter", [(60, "kontakt")])], [HOMELESS], GROWN_UPS,
     [("Terénní program Charity Lipovec", 0, "Kostelní", 45, {})], {}),
    ("charita", 29, [("amb", [(20, "klient")])], [SENIORS_TG], OLD,
     [("Klub seniorů Charity Hradiště", 3, "Náměstí", 8, {})], {}),
    ("diakonie", 30, [("amb", [(18, "klient")])], [MENTAL], [YOUNG_ADULTS, ADULTS],
     [("Sociálně terapeutická dílna Zálesí", 11, "Lesní", 77, {})], {}),
    ("diakonie", 15, [("pob", [(12, "luzka")])], [MENTAL], [YOUNG_ADULTS, ADULTS],
     [("Chráněné bydlení Zálesí", 11, "Lesní", 79, {}), ("Chráněné bydlení Zálesí – byt Lipovec", 0, "Sadová",
                                                          1450, {"point": None})], {"non_stop": True}),
    ("diakonie", 33, [("amb", [(25, "klient")]), ("ter", [(15, "klient")])], [MENTAL], [YOUNG_ADULTS, ADULTS],
     [("Sociální rehabilitace Diakonie Lipovec", 0, "Sadová", 1452, {})], {}),
    ("diakonie", 7, [("ter", [(30, "klient")])], [MENTAL], [YOUNG_ADULTS, ADULTS],
     [("Podpora samostatného bydlení Diakonie", 0, "Sadová", 1452, {})], {}),
    ("diakonie", 12, [("pob", [(36, "luzka")])], [MENTAL], [TEENS, YOUNG_ADULTS, ADULTS, SENIORS],
     [("Domov pro osoby se zdravotním postižením Olšany", 8, "Zámecká", 2, {})], {"non_stop": True}),
    ("diakonie", 11, [("pob", [(10, "luzka")])], [MENTAL], [YOUTH, TEENS, YOUNG_ADULTS],
     [("Týdenní stacionář Olšany", 8, "Zámecká", 4, {})], {}),
    ("icentrum", 34, [("amb", [(300, "interv")]), ("ter", [(60, "interv")])], [VIOLENCE], [TEENS, *GROWN_UPS],
     [("Intervenční centrum Lipovec", 0, "Jungmannova", 903, {"secret": True})], {}),
    ("icentrum", 23, [("amb", [(150, "interv")])], [VIOLENCE], [TEENS, *GROWN_UPS],
     [("Krizová pomoc Persefona Lipovec", 0, "Jungmannova", 903, {"secret": True})], {"non_stop": True}),
    ("ulice", 22, [("amb", [(2500, "kontakt")])], [MENTAL], [TEENS, YOUNG_ADULTS, ADULTS],
     [("Kontaktní centrum Lipovec", 0, "Tyršova", 640, {})], {}),
    ("ulice", 32, [("ter", [(1800, "kontakt")])], [MENTAL, HOMELESS], [TEENS, YOUNG_ADULTS, ADULTS],
     [("Terénní program Ulice Lipovecko", 0, "Tyršova", 640, {})], {}),
    ("ulice", 25, [("amb", [(40, "klient")]), ("ter", [(30, "klient")])], [FAMILIES],
     [CHILDREN, YOUTH, TEENS, YOUNG_ADULTS],
     [("Klub Zastávka – nízkoprahové zařízení pro děti a mládež", 0, "Nádražní", 101, {})], {}),
    ("ranapece", 17, [("ter", [(45, "klient")]), ("amb", [(10, "klient")])], [FAMILIES, CARERS], [BABIES, PRESCHOOL],
     [("Raná péče Úhlava – pracoviště Lipovec", 0, "Palackého", 233, {})], {}),
    ("rodina", 28, [("ter", [(40, "klient")]), ("amb", [(20, "klient")])], [FAMILIES], [BABIES, PRESCHOOL, CHILDREN,
                                                                                         YOUTH, TEENS, ADULTS],
     [("Sociálně aktivizační služba pro rodiny s dětmi Lipovec", 0, "Palackého", 235, {})], {}),
    ("rodina", 1, [("amb", [(8, "kontakt")])], [FAMILIES], [YOUNG_ADULTS, ADULTS, SENIORS],
     [("Manželská a rodinná poradna Lipovec", 0, "Palackého", 235, {})], {}),
    ("fokus", 35, [("amb", [(120, "klient")]), ("ter", [(80, "klient")])], [MENTAL], [TEENS, *GROWN_UPS],
     # DruhSocialniSluzby/35: a type the portal does not know yet (centrum duševního zdraví)
     [("Centrum duševního zdraví Lipovec", 0, "Nemocniční", 1135, {})], {}),
    ("fokus", 33, [("ter", [(35, "klient")])], [MENTAL], [YOUNG_ADULTS, ADULTS],
     [("Sociální rehabilitace Fokus Lipovec", 0, "Nemocniční", 1135, {})], {}),
    ("fokus", 15, [("pob", [(8, "luzka")])], [MENTAL], [YOUNG_ADULTS, ADULTS],
     [("Chráněné bydlení Fokus Nová Ves", 7, "Ke Mlýnu", 15, {"point": None})], {"non_stop": True}),
    ("linka", 18, [("amb", [(4000, "hovor")])], [VIOLENCE, MENTAL], ALL_AGES,
     [("Linka důvěry Lipovec", 0, "Jungmannova", 20, {})], {"non_stop": True}),
    ("tlumoceni", 19, [("ter", [(60, "klient")]), ("amb", [(30, "klient")])], [SENIORS_TG], [TEENS, *GROWN_UPS],
     [("Tlumočnická služba Tichý svět – kontaktní místo Lipovec", 0, "náměstí Míru", 1, {})], {}),
    ("asistence", 3, [("ter", [(55, "klient")])], [SENIORS_TG, CARERS], [CHILDREN, YOUTH, TEENS, *GROWN_UPS],
     [("Osobní asistence Úhlava", 0, "Školní", 402, {})], {"non_stop": True}),
    ("asistence", 6, [("ter", [(20, "klient")])], [SENIORS_TG], GROWN_UPS,
     [("Průvodcovská a předčitatelská služba Úhlava", 0, "Školní", 402, {})], {}),
    ("tisnova", 5, [("ter", [(150, "klient")])], [SENIORS_TG, DEMENTIA], GROWN_UPS,
     [("Tísňová péče Život bez obav – Lipovecko", 0, "Masarykova", 77, {})], {"non_stop": True}),
    ("brezi", 4, [("ter", [(35, "klient")])], [SENIORS_TG], OLD,
     [("Pečovatelská služba obce Březí", 1, "Návesní", 1, {})], {}),
    ("hradiste", 4, [("ter", [(50, "klient")])], [SENIORS_TG, CARERS], OLD,
     [("Pečovatelská služba městyse Hradiště nad Úhlavou", 3, "Náměstí", 1, {})], {}),
    ("hradiste", 29, [("amb", [(15, "klient")])], [SENIORS_TG], OLD,
     [("Senior klub Hradiště nad Úhlavou", 3, "Náměstí", 1, {"point": None})], {}),
    ("sousede", 9, [("amb", [(20, "klient")])], [SENIORS_TG, DEMENTIA], OLD,
     [("Centrum denních služeb Lužany", 5, "Školní", 150, {})], {}),
    ("sousede", 29, [("amb", [(25, "klient")]), ("ter", [(15, "klient")])], [SENIORS_TG], OLD,
     [("Aktivizační služby pro seniory Lužany", 5, "Školní", 150, {})], {}),
    ("nemocnice", 16, [("pob", [(20, "luzka")])], [SENIORS_TG, PALLIATIVE], GROWN_UPS,
     [("Sociální lůžka Nemocnice Lipovec", 0, "Nemocniční", 1100, {})], {"non_stop": True}),
    ("novystart", 21, [("pob", [(10, "luzka")])], [HOMELESS], [TEENS, YOUNG_ADULTS],
     [("Dům na půl cesty Svatá Kateřina", 10, "Hlavní", 58, {})], {"non_stop": True}),
    ("novystart", 27, [("amb", [(20, "klient")]), ("pob", [(6, "luzka")])], [MENTAL], [YOUNG_ADULTS, ADULTS],
     [("Doléčovací centrum Nový start", 10, "Hlavní", 60, {})], {}),
    ("kotva", 31, [("pob", [(15, "luzka")])], [MENTAL], [YOUNG_ADULTS, ADULTS],
     [("Terapeutická komunita Kotva Malá Víska", 6, "Na Výsluní", 9, {})], {"non_stop": True}),
    # an ended registration: skipped by the import
    ("seniorhelp", 4, [("ter", [(40, "klient")])], [SENIORS_TG], OLD,
     [("Pečovatelská služba Senior Help", 0, "Masarykova", 301, {})], {"ended": "2024-06-30"}),
    # outside the demo territory: skipped
    ("doubravka", 13, [("pob", [(120, "luzka")])], [SENIORS_TG], OLD,
     [("Domov pro seniory Doubravka", None, "Masarykova", 2811, {})], {"non_stop": True}),
    ("hospic", 1, [("ter", [(60, "kontakt")])], [PALLIATIVE, CARERS], GROWN_UPS,
     [("Poradna domácího hospice Úhlava", 0, "Jiráskova", 88, {})], {}),
    ("hospic", 8, [("ter", [(30, "klient")])], [PALLIATIVE, CARERS], GROWN_UPS,
     [("Odlehčovací služba domácího hospice Úhlava", 0, "Jiráskova", 88, {})], {"non_stop": True}),
    ("alzheimer", 14, [("pob", [(30, "luzka")])], [DEMENTIA], OLD,
     [("Domov Na Vršku", 8, "Na Vršku", 210, {})], {"non_stop": True}),
    ("alzheimer", 8, [("pob", [(4, "luzka")])], [DEMENTIA, CARERS], OLD,
     [("Odlehčovací pobyty Na Vršku", 8, "Na Vršku", 210, {})], {"non_stop": True}),
    ("stp", 1, [("amb", [(4, "kontakt")])], [SENIORS_TG, CARERS], GROWN_UPS,
     [("Poradna pro osoby se zdravotním postižením Lipovec", 0, "Třída Svobody", 14, {})], {}),
    ("poradna", 1, [("amb", [(10, "kontakt")]), ("ter", [(3, "kontakt")])], [SENIORS_TG, FAMILIES, HOMELESS],
     GROWN_UPS, [("Občanská poradna Lipovec", 0, "náměstí Míru", 12, {}),
                 ("Občanská poradna – konzultační místo Podhájí", 9, "Obecní", 5, {})], {}),
    ("tyflo", 33, [("ter", [(40, "klient")]), ("amb", [(10, "klient")])], [SENIORS_TG], GROWN_UPS,
     [("Tyflocentrum Úhlava – sociální rehabilitace", 0, "Třída Svobody", 16, {})], {}),
    ("tyflo", 6, [("ter", [(20, "klient")])], [SENIORS_TG], GROWN_UPS,
     [("Tyflocentrum Úhlava – průvodcovská služba", 0, "Třída Svobody", 16, {})], {}),
    ("zalesi", 12, [("pob", [(48, "luzka")])], [MENTAL], [YOUNG_ADULTS, ADULTS, SENIORS],
     [("Domov Zálesí", 11, "Zámecká", 1, {})], {"non_stop": True}),
    ("zalesi", 10, [("amb", [(12, "klient")])], [MENTAL], [YOUNG_ADULTS, ADULTS],
     [("Denní stacionář Zálesí", 11, "Zámecká", 5, {})], {}),
    ("dubova", 4, [("ter", [(25, "klient")])], [SENIORS_TG], OLD,
     [("Pečovatelská služba obce Dubová Lhota", 2, "Návesní", 3, {})], {}),
    ("kamenna", 4, [("ter", [(30, "klient")])], [SENIORS_TG], OLD,
     [("Pečovatelská služba obce Kamenná", 4, "Hlavní", 20, {})], {}),
    ("slunce", 28, [("ter", [(25, "klient")])], [FAMILIES], [BABIES, PRESCHOOL, CHILDREN, YOUTH, ADULTS],
     [("Rodinné centrum Slunce Podhájí", 9, "Obecní", 40, {})], {}),
    ("slunce", 25, [("amb", [(25, "klient")])], [FAMILIES], [CHILDREN, YOUTH, TEENS],
     [("Klub Slunce – nízkoprahové zařízení pro děti a mládež Podhájí", 9, "Obecní", 40, {})], {}),
    ("charita", 3, [("ter", [(15, "klient")])], [SENIORS_TG], GROWN_UPS,
     [("Osobní asistence Charity – Svatá Kateřina", 10, "Hlavní", 3, {})], {}),
    ("ssml", 29, [("amb", [(30, "klient")])], [SENIORS_TG], OLD,
     [("Seniorcentrum Lipovec", 0, "Husova", 514, {})], {}),
    ("ssml", 4, [("ter", [(40, "klient")])], [SENIORS_TG], OLD,
     [("Pečovatelská služba města Lipovce – Malá Víska a Zálesí", 6, "Návesní", 7, {})], {}),
]

TYPE_NAMES = {1: "odborné sociální poradenství", 3: "osobní asistence", 4: "pečovatelská služba",
              5: "tísňová péče", 6: "průvodcovské a předčitatelské služby", 7: "podpora samostatného bydlení",
              8: "odlehčovací služby", 9: "centra denních služeb", 10: "denní stacionáře",
              11: "týdenní stacionáře", 12: "domovy pro osoby se zdravotním postižením", 13: "domovy pro seniory",
              14: "domovy se zvláštním režimem", 15: "chráněné bydlení",
              16: "sociální služby poskytované ve zdravotnických zařízeních lůžkové péče", 17: "raná péče",
              18: "telefonická krizová pomoc", 19: "tlumočnické služby", 20: "azylové domy",
              21: "domy na půl cesty", 22: "kontaktní centra", 23: "krizová pomoc",
              24: "nízkoprahová denní centra", 25: "nízkoprahová zařízení pro děti a mládež", 26: "noclehárny",
              27: "služby následné péče", 28: "sociálně aktivizační služby pro rodiny s dětmi",
              29: "sociálně aktivizační služby pro seniory a osoby se zdravotním postižením",
              30: "sociálně terapeutické dílny", 31: "terapeutické komunity", 32: "terénní programy",
              33: "sociální rehabilitace", 34: "intervenční centra", 35: "centra duševního zdraví"}
UNITS = {"luzka": "lůžka", "klient": "klienti", "kontakt": "kontakty", "interv": "intervence", "hovor": "hovory"}
FORMS = {"pob": "pobytové služby", "amb": "ambulantní služby", "ter": "terénní služby"}
ACTIVITIES = {
    "pob": ["poskytnutí ubytování", "poskytnutí stravy", "pomoc při zvládání běžných úkonů péče o vlastní osobu",
            "pomoc při osobní hygieně nebo poskytnutí podmínek pro osobní hygienu"],
    "amb": ["sociálně terapeutické činnosti", "zprostředkování kontaktu se společenským prostředím",
            "pomoc při uplatňování práv, oprávněných zájmů a při obstarávání osobních záležitostí"],
    "ter": ["pomoc při zajištění chodu domácnosti", "výchovné, vzdělávací a aktivizační činnosti",
            "poskytnutí informací o rozsahu a formách pomoci"],
}


def ref(kind, code, name=None):
    return {"id": f"{kind}/{code}", **({"nazev": name} if name else {})}


def address(municipality, street, number, point, part=None):
    if municipality is None:
        town, district, postcode = ELSEWHERE["obec"], ELSEWHERE["okres"], ELSEWHERE["psc"]
        obec, okres = {"id": f"Obec/{town[0]}", "nazev": town[1]}, {"id": f"Okres/{district[0]}", "nazev": district[1]}
        name = town[1]
    else:
        name = MUNICIPALITIES[municipality]
        obec, okres, postcode = {"id": f"Obec/99{municipality + 1:04d}", "nazev": name}, DISTRICT, POSTCODES[name]
    return {
        "kodAdresnihoMista": point, "ulice": {"nazev": street}, "cisloDomovni": number,
        "cisloOrientacni": number % 7 + 1 if number % 3 == 0 else None, "psc": postcode, "obec": obec,
        "castObce": {"nazev": part or name}, "okres": okres, "kraj": REGION,
        "adresaText": f"{street} {number}, {postcode} {name}",
    }


def contacts(domain, who="info", phone=0):
    return {"weby": [{"web": f"https://www.{domain}.example"}], "emaily": [{"email": f"{who}@{domain}.example"}],
            "telefony": [{"telefon": f"+420 376 {400 + phone:03d} {100 + phone * 7 % 900:03d}"}]}


def provider(key):
    """The provider as each of its services repeats it."""
    ico, name, domain, statutory = PROVIDERS[key]
    *titles, first, last = statutory.split()
    return {"ico": ico, "nazev": name, **contacts(domain, "info", list(PROVIDERS).index(key)),
            "statutarniOrgany": [{"titulPred": " ".join(titles), "jmeno": first, "prijmeni": last,
                                  "funkce": "statutární orgán"}]}


def item(number, spec):
    key, type_code, forms, target_groups, age_groups, facilities, options = spec
    portal_id = 483100 + number
    domain = PROVIDERS[key][2]
    type_name = TYPE_NAMES[type_code]
    places = []
    for name, municipality, street, house, extra in facilities:
        # a facility listed twice has the same address point both times; some have none (point=None)
        first = [facility[:4] for facility in facilities].index((name, municipality, street, house))
        point = extra.get("point", 20000000 + portal_id * 10 + first)
        places.append({
            "nazev": name, "poskytujeOd": "2014-01-01", "poskytujeDo": extra.get("ends"),
            "utajenaAdresa": bool(extra.get("secret")),
            "adresa": address(municipality, street, house, point, extra.get("part")),
        })
    activities = [activity for form, _capacities in forms for activity in ACTIVITIES[form]]
    return {
        "portalId": portal_id, "id": f"SocialniSluzba/{portal_id}", "identifikator": f"{5100000 + number * 137}",
        "datumPoskytovaniOd": f"{2007 + number % 15}-01-01", "datumPoskytovaniDo": options.get("ended"),
        "druhSocialniSluzby": ref("DruhSocialniSluzby", type_code, type_name),
        "popis": (f"Platnost od 1. 1. 2024: {type_name[0].upper()}{type_name[1:]} v území ORP Lipovec. "
                  "Služba pomáhá lidem v nepříznivé sociální situaci tak, aby mohli co nejdéle žít běžným "
                  "životem a zůstat ve svém přirozeném prostředí."),
        "cinnosti": [{"nazev": activity} for activity in activities],
        "ciloveSkupiny": [{"cilovaSkupina": ref("CilovaSkupinaOsoby", code)} for code in target_groups],
        "vekoveSkupiny": [{"vekovaSkupina": ref("VekovaSkupinaOsoby", code)} for code in age_groups],
        "formy": [{"forma": ref("FormaSocialniSluzby", form, FORMS[form]),
                   "kapacity": [{"pocet": count, "typ": ref("TypKapacitySocialniSluzby", unit, UNITS[unit])}
                                for count, unit in capacities]} for form, capacities in forms],
        "nepretrzitePoskytovani": bool(options.get("non_stop")), "kapacity": [],
        "zarizeni": places,
        "kontaktniOsoby": [{"jmeno": "Sociální", "prijmeni": "pracovnice", "telefon": contacts(domain, "", number)[
            "telefony"][0]["telefon"]}],
        "poskytovatel": provider(key),
        **contacts(domain, "socialni", number + 50),
    }


def main():
    data = {"datumExportu": "2026-12-01T03:00:00", "polozky": [item(n, spec) for n, spec in enumerate(SERVICES, 1)]}
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(data['polozky'])} services, {len(PROVIDERS)} providers")


if __name__ == "__main__":
    main()
