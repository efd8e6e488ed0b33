"""The Slovak demo (`seed_demo --country sk`): Mikroregión Pod Javorom, six obce of Banskobystrický
samosprávny kraj that make one komunitný plán sociálnych služieb (zákon 448/2008 Z. z., § 83).

The plan went through its public discussion (pripomienkovanie) and its riadiaca skupina approved
it; the obecné zastupiteľstvo of each obec approves it on its own: four have, one has not got to it
yet, one has not met since. Everything is in Slovak; the demo accounts are those of the Czech demo.
"""

import datetime
from datetime import timedelta

from django.utils import timezone

from catalogue.models import Provider, Service
from groups.models import Group, Membership, Person
from kpss.country import Country
from kpss.demo import configure_site, demo_user
from kpss.models import ServiceType, Territory
from kpss.roles import make_coordinator
from planning.demo import run_lifecycle
from planning.models import Chapter, Comment, CommentRound, Goal, Indicator, Measure, Plan, Priority

REGION = ("Banskobystrický samosprávny kraj", "SK032")
DISTRICT = ("Poľana", "SK0399")  # a district of the demo, under a code no real district has
OBCE = [("Javorová", "599101", "Ján Kováč"), ("Lúčky pod Javorom", "599102", "Mária Hudecová"),
        ("Horná Ves", "599103", "Peter Baláž"), ("Dolná Ves", "599104", "Anna Šimková"),
        ("Stará Lehota", "599105", "Milan Krajčí"), ("Nová Lehota", "599106", "Eva Poliaková")]
MICROREGION = "Mikroregión Pod Javorom"
PLAN_SLUG = "kpss-2026-2030"

INTRO = (
    "Obce Mikroregiónu Pod Javorom pripravujú spoločný komunitný plán sociálnych služieb, ako im "
    "ukladá § 83 zákona č. 448/2008 Z. z. o sociálnych službách. Spolu s poskytovateľmi a prijímateľmi "
    "služieb zisťujeme, čo ľudia v obciach potrebujú, a dohadujeme sa, ako to zabezpečiť.\n\n"
    "Návrh plánu prešiel verejným pripomienkovaním; teraz ho schvaľujú obecné zastupiteľstvá "
    "všetkých šiestich obcí."
)
CHAPTERS = [
    (Chapter.Kind.INTRODUCTION, "Úvod", "Komunitný plán sociálnych služieb Mikroregiónu Pod Javorom na roky "
     "2026 – 2030 je spoločným dokumentom šiestich obcí mikroregiónu. Nadväzuje na Národné priority rozvoja "
     "sociálnych služieb a na koncepciu rozvoja sociálnych služieb Banskobystrického samosprávneho kraja."),
    (Chapter.Kind.CURRENT_STATE, "Analýza súčasného stavu", "V mikroregióne žije 4 870 obyvateľov, z toho "
     "takmer štvrtina je starších ako 65 rokov. Opatrovateľskú službu poskytujú dve obce, zariadenie pre "
     "seniorov je najbližšie v okresnom meste vzdialenom 25 km."),
    (Chapter.Kind.MONITORING, "Monitorovanie a hodnotenie", "Plnenie opatrení vyhodnocujú pracovné skupiny "
     "raz ročne; správu o plnení prerokuje riadiaca skupina a predloží ju obecným zastupiteľstvám."),
]
# (group slug, priority, goal, [(title, description, service type section, yearly cost, indicator, unit, target)])
STRATEGY = [
    ("seniori", "Seniori a ľudia so zdravotným postihnutím môžu čo najdlhšie žiť doma",
     "Rozšíriť terénne služby vo všetkých obciach mikroregiónu", [
         ("Spoločná opatrovateľská služba pre všetky obce",
          "Obce zriadia spoločnú opatrovateľskú službu, ktorá bude dostupná aj v najmenších obciach.", "41",
          45000, "počet prijímateľov služby", "osoby", 30),
         ("Prepravná služba k lekárovi", "Obce spoločne zabezpečia prepravnú službu pre ľudí s obmedzenou "
          "schopnosťou pohybu.", "42", 12000, "počet prepráv za rok", "prepravy", 400),
     ]),
    ("seniori", "Seniori a ľudia so zdravotným postihnutím môžu čo najdlhšie žiť doma",
     "Zabezpečiť dennú a pobytovú starostlivosť v regióne", [
         ("Denný stacionár v Javorovej", "Obec Javorová prestavia časť bývalej školy na denný stacionár "
          "s kapacitou 15 miest.", "40", 60000, "kapacita denného stacionára", "miesta", 15),
     ]),
    ("rodina", "Rodiny s deťmi a ľudia v kríze dostanú pomoc včas",
     "Podporiť rodiny s deťmi a ľudí v nepriaznivej sociálnej situácii", [
         ("Komunitné centrum v Dolnej Vsi", "Komunitné centrum ponúkne sociálne poradenstvo, doučovanie "
          "a voľnočasové aktivity pre deti a rodiny.", "24d", 35000, "počet návštev za rok", "návštevy", 1200),
         ("Nízkoprahová služba pre deti a rodinu", "Terénni pracovníci budú pravidelne navštevovať rodiny "
          "v Starej a Novej Lehote.", "28", 28000, "počet podporených rodín", "rodiny", 25),
     ]),
]
COMMENTS = [
    ("Spoločná opatrovateľská služba pre všetky obce", "Opatrovateľská služba by mala fungovať aj cez "
     "víkendy, mnohí seniori žijú sami.", "Katarína Bartošová", Comment.Outcome.ACCEPTED,
     "Pracovná skupina doplnila do opatrenia víkendovú službu v rozsahu 4 hodín denne."),
    ("Denný stacionár v Javorovej", "Do stacionára sa ľudia z Novej Lehoty nedostanú bez dopravy.",
     "Jozef Uhrín", Comment.Outcome.PARTLY_ACCEPTED,
     "Doprava do stacionára bude súčasťou prepravnej služby; samostatný spoj obce nezabezpečia."),
    ("", "V pláne chýba pomoc pre ľudí bez domova.", "Občianske združenie Nádej", Comment.Outcome.EXPLAINED,
     "V mikroregióne nie sú ľudia bez domova evidovaní; pomoc zabezpečuje nocľaháreň v okresnom meste."),
]
# The obce's councils: resolution number, or None where the council has not decided yet.
DECISIONS = {
    "Javorová": ("decide", "2026-06-18", "12/2026"), "Lúčky pod Javorom": ("decide", "2026-06-19", "7/2026"),
    "Horná Ves": ("decide", "2026-06-24", "15/2026"), "Dolná Ves": ("decide", "2026-06-25", "9/2026"),
    "Stará Lehota": ("not_discussed", "2026-06-26", ""), "Nová Lehota": None,
}


def seed(log):
    """Build the Slovak demo; returns the demo accounts."""
    area = _territories()
    _site(area["microregion"])
    coordinator = demo_user("koordinatorka", "Zuzana", "Kováčová", "kpss@podjavorom.example")
    make_coordinator(coordinator)
    groups, people = _groups(area)
    plan = _plan(area, groups, coordinator)
    _catalogue(area)
    log(f"Slovenské demo: {MICROREGION}, {len(OBCE)} obcí, plán „{plan.title}“")
    return {"coordinator": coordinator, **people}


def _territories():
    region, _ = Territory.objects.update_or_create(kind=Territory.Kind.REGION, code=REGION[1],
                                                  defaults={"name": REGION[0]})
    district, _ = Territory.objects.update_or_create(kind=Territory.Kind.DISTRICT, code=DISTRICT[1],
                                                    defaults={"name": DISTRICT[0], "parent": region})
    obce = {}
    for name, code, _mayor in OBCE:
        obce[name], _ = Territory.objects.update_or_create(kind=Territory.Kind.MUNICIPALITY, code=code,
                                                          defaults={"name": name, "parent": district})
    microregion, _ = Territory.objects.update_or_create(kind=Territory.Kind.MICROREGION, name=MICROREGION,
                                                       defaults={"code": ""})
    microregion.members.set(obce.values())
    return {"region": region, "district": district, "obce": obce, "microregion": microregion}


def _site(microregion):
    configure_site(
        country=Country.SK, site_name=MICROREGION, territory=microregion, office_name="Spoločný obecný úrad Javorová",
        coordinator_name="Mgr. Zuzana Kováčová", coordinator_email="kpss@podjavorom.example",
        coordinator_phone="+421 45 000 1111", office_address="Hlavná 1\n962 01 Javorová", intro=INTRO,
    )


def _groups(area):
    member = demo_user("clen", "Peter", "Horváth", "peter.horvath@podjavorom.example")
    steering_member = demo_user("ridici", "Mária", "Hudecová", "maria.hudecova@podjavorom.example")
    groups = {}
    for order, (slug, name, audience) in enumerate([
        ("seniori", "Pracovná skupina Seniori a ľudia so zdravotným postihnutím", "seniori a ich rodiny"),
        ("rodina", "Pracovná skupina Rodina, deti a ľudia v kríze", "rodiny s deťmi a ľudia v kríze"),
    ], start=1):
        groups[slug], _ = Group.objects.update_or_create(slug=slug, defaults={
            "name": name, "kind": Group.Kind.WORKING, "order": order, "audience": audience,
            "abbreviation": "PS " + slug[:3].upper(), "territory": area["microregion"],
            "description": "Zisťuje potreby obyvateľov, navrhuje opatrenia do plánu a sleduje ich plnenie.",
            "public_contact": "Koordinátorka, kpss@podjavorom.example"})
    steering, _ = Group.objects.update_or_create(slug="riadiaca-skupina", defaults={
        "name": "Riadiaca skupina Mikroregiónu Pod Javorom", "kind": Group.Kind.STEERING, "order": 0,
        "abbreviation": "RS", "territory": area["microregion"],
        "description": "Starostovia obcí mikroregiónu a zástupcovia poskytovateľov; schvaľuje návrh plánu "
                       "a predkladá ho obecným zastupiteľstvám."})
    Membership.objects.get_or_create(group=groups["seniori"], person=Person.for_user(member), defaults={
        "position": Membership.Position.CHAIR, "triad_role": Membership.TriadRole.PROVIDER,
        "organisation": "Opatrovateľská služba Javorová", "publish_name": True})
    Membership.objects.get_or_create(group=steering, person=Person.for_user(steering_member), defaults={
        "position": Membership.Position.CHAIR, "triad_role": Membership.TriadRole.COMMISSIONER,
        "organisation": "Obec Lúčky pod Javorom", "publish_name": True})
    for name, _code, mayor in OBCE:
        person, _ = Person.objects.get_or_create(name=mayor, user=None, defaults={"organisation": f"Obec {name}"})
        Membership.objects.get_or_create(group=steering, person=person, defaults={
            "triad_role": Membership.TriadRole.COMMISSIONER, "organisation": f"starosta/starostka obce {name}",
            "publish_name": True})
    return groups, {"member": member, "steering_member": steering_member}


def _plan(area, groups, coordinator):
    existing = Plan.objects.filter(slug=PLAN_SLUG).first()
    if existing:
        return existing
    plan = Plan.objects.create(
        kind=Plan.Kind.MIDTERM, slug=PLAN_SLUG, year_from=2026, year_to=2030, phase=Plan.Phase.STRATEGIC,
        title="Komunitný plán sociálnych služieb Mikroregiónu Pod Javorom na roky 2026 – 2030",
        summary="Spoločný plán šiestich obcí: terénne služby v každej obci, denný stacionár, komunitné centrum "
                "a pomoc rodinám s deťmi.")
    plan.set_area([area["microregion"]])
    for position, (kind, title, body) in enumerate(CHAPTERS, start=1):
        Chapter.objects.create(plan=plan, position=position, kind=kind, title=title, body=body)
    measures = _strategy(plan, groups)
    plan.renumber()
    run_lifecycle(plan, coordinator, [("open_for_comments", "2026-04-01", {})])
    _settled_round(plan, measures)
    run_lifecycle(plan, coordinator, [
        ("close_comments", "2026-05-04", {}),
        ("approve_by_steering", "2026-05-27", {"steering_resolution": "RS 3/2026",
                                               "steering_approved_on": "2026-05-27"}),
    ])
    steps = []
    for position, (name, _code, _mayor) in enumerate(OBCE, start=1):
        body = plan.approving_bodies.create(
            name=f"Obecné zastupiteľstvo obce {name}", kind="municipal_council_sk", position=position,
            territory=area["obce"][name])
        decision = DECISIONS[name]
        if decision:
            outcome, day, number = decision
            steps.append(("decide", day, {"body": body.name, "resolution_number": number,
                                          "outcome": "approved" if outcome == "decide" else outcome,
                                          **({"note": "Bod bol presunutý na septembrové zasadnutie."}
                                             if outcome == "not_discussed" else {})}))
    run_lifecycle(plan, coordinator, steps)
    return plan


def _strategy(plan, groups):
    types = {service_type.section: service_type for service_type in ServiceType.objects.filter(country=Country.SK)}
    priorities, measures = {}, {}
    for group_slug, priority_title, goal_title, rows in STRATEGY:
        if priority_title not in priorities:
            priorities[priority_title] = Priority.objects.create(plan=plan, position=len(priorities) + 1,
                                                                 title=priority_title)
        priority = priorities[priority_title]
        goal = Goal.objects.create(priority=priority, group=groups[group_slug], position=priority.goals.count() + 1,
                                   title=goal_title)
        for position, (title, description, section, cost, indicator, unit, target) in enumerate(rows, start=1):
            measure = Measure.objects.create(
                plan=plan, goal=goal, group=groups[group_slug], position=position, title=title,
                description=description, service_type=types.get(section), year_from=2026, year_to=2030,
                annual_cost=cost, responsible="Koordinátorka KPSS", implementer="obce mikroregiónu")
            Indicator.objects.create(measure=measure, position=1, name=indicator, unit=unit, target=target)
            measures[title] = measure
    return measures


def _settled_round(plan, measures):
    version = plan.versions.get(number=1)
    opened = timezone.make_aware(datetime.datetime(2026, 4, 1, 8))
    round_ = CommentRound.objects.create(
        version=version, title="Pripomienky k návrhu komunitného plánu 2026 – 2030", opens_at=opened,
        closes_at=opened + timedelta(days=30), intro="Návrh plánu mohol pripomienkovať ktokoľvek.",
        settlement_note="Vysporiadanie pripomienok schválila riadiaca skupina uznesením RS 3/2026.")
    for number, (part, text, name, outcome, justification) in enumerate(COMMENTS, start=1):
        measure = measures.get(part)
        Comment.objects.create(
            round=round_, number=number, received_at=opened + timedelta(days=number * 5), measure=measure,
            text=text, name=name, publish_name=True, group=measure.group if measure else None, outcome=outcome,
            justification=justification, settled_at=opened + timedelta(days=40))
    round_.settlement_published_at = opened + timedelta(days=45)
    round_.save(update_fields=["settlement_published_at"])


def _catalogue(area):
    """Local entries: the registry the catalogue imports is the Czech one."""
    types = {service_type.section: service_type for service_type in ServiceType.objects.filter(country=Country.SK)}
    for ico, provider_name, services in [
        ("00316121", "Obec Javorová", [("Opatrovateľská služba obce Javorová", "41",
                                        "Pomoc pri sebaobsluhe a starostlivosti o domácnosť v obciach mikroregiónu.",
                                        "pondelok – piatok 7.00 – 15.30")]),
        ("42198765", "Občianske združenie Nádej", [("Komunitné centrum Dolná Ves", "24d",
                                                    "Sociálne poradenstvo, doučovanie a voľnočasové aktivity.",
                                                    "utorok a štvrtok 13.00 – 18.00")]),
    ]:
        provider, _ = Provider.objects.update_or_create(ico=ico, defaults={"name": provider_name})
        for name, section, description, hours in services:
            service, _ = Service.objects.update_or_create(provider=provider, name=name, defaults={
                "service_type": types.get(section), "local_description": description, "local_opening_hours": hours})
            service.refresh_search()
            service.save()
