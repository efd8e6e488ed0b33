"""Registry items in the shape of the RPSS open-data file, for tests: a service, a facility, a file."""

import io
import json
from datetime import date

from catalogue.services import import_file

TODAY = date(2026, 12, 2)
LIPOVEC, ELSEWHERE = "554499", "999999"


def facility(name="Domov Lipovec", obec=LIPOVEC, okres="3402", secret=False, ends=None, point=12345678,
             street="Nádražní", number=12):
    return {
        "nazev": name, "poskytujeOd": "2010-01-01", "poskytujeDo": ends, "utajenaAdresa": secret,
        "adresa": {"kodAdresnihoMista": point, "ulice": {"nazev": street}, "cisloDomovni": number,
                   "cisloOrientacni": None, "psc": "33901", "obec": {"id": f"Obec/{obec}", "nazev": "Lipovec"},
                   "castObce": {"nazev": "Lipovec"}, "okres": {"id": f"Okres/{okres}"}, "kraj": {"id": "Kraj/3042"}},
    }


def service(portal_id=1, type_code=13, ico="00123456", facilities=None, **changes):
    item = {
        "portalId": portal_id, "id": f"SocialniSluzba/{portal_id}", "identifikator": f"{1000000 + portal_id}",
        "datumPoskytovaniOd": "2015-01-01", "datumPoskytovaniDo": None,
        "druhSocialniSluzby": {"id": f"DruhSocialniSluzby/{type_code}"},
        "ciloveSkupiny": [{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/24"}}],
        "vekoveSkupiny": [{"vekovaSkupina": {"id": "VekovaSkupinaOsoby/9"}}],
        "formy": [{"forma": {"id": "FormaSocialniSluzby/pob"},
                   "kapacity": [{"pocet": 40, "typ": {"id": "TypKapacitySocialniSluzby/luzka"}}]}],
        "nepretrzitePoskytovani": True, "kapacity": [],
        "zarizeni": facilities if facilities is not None else [facility()],
        "poskytovatel": {"ico": ico, "nazev": "Domov pro seniory Lipovec, p. o.",
                         "weby": [{"web": "https://domov.example"}], "emaily": [{"email": "info@domov.example"}],
                         "telefony": [{"telefon": "+420 377 000 111"}],
                         "statutarniOrgany": [{"jmeno": "Jana", "prijmeni": "Ředitelová"}]},
        "weby": [], "emaily": [{"email": "socialni@domov.example"}], "telefony": [],
    }
    item.update(changes)
    return item


def registry(*items):
    return io.BytesIO(json.dumps({"polozky": list(items)}, ensure_ascii=False).encode())


def run(*items, **options):
    options.setdefault("municipalities", [LIPOVEC])
    return import_file(registry(*items), today=TODAY, **options)
