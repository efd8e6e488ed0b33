"""Demo planning groups of Lipovec: five working groups and a steering group for each area the plan
covers (the ORP, and the microregion, whose mayors meet as its steering group)."""

from groups.models import Group, Membership, Person
from kpss.demo import demo_user
from kpss.models import TargetGroup, Territory

WORKING_GROUPS = [
    ("seniori", "Senioři", "senioři a pečující", "PS SEN", ["senioři", "pečující osoby"]),
    ("zdravotni-postizeni", "Osoby se zdravotním postižením", "osoby se zdravotním postižením", "PS OZP",
     ["osoby se zdravotním postižením", "osoby s chronickým onemocněním"]),
    ("rodiny-s-detmi", "Rodiny s dětmi a mládež", "rodiny s dětmi, děti a mládež", "PS RD",
     ["rodiny s dítětem/dětmi", "děti a mládež ve věku od 6 do 26 let ohrožené společensky nežádoucími jevy"]),
    ("socialni-vylouceni", "Osoby ohrožené sociálním vyloučením", "osoby v krizi, bez domova, zadlužení", "PS SV",
     ["osoby v krizi", "osoby bez přístřeší", "osoby žijící v sociálně vyloučených komunitách"]),
    ("dusevni-zdravi", "Duševní zdraví a závislosti", "lidé s duševním onemocněním a závislostmi", "PS DZ",
     ["osoby s chronickým duševním onemocněním", "osoby ohrožené závislostí nebo závislé na návykových látkách"]),
]
# Besides the working groups' chairs, the steering group seats the town and the users' voice.
TOWN_PEOPLE_IN_STEERING = [
    ("Ing. Pavel Horák", "Město Lipovec, místostarosta", Membership.TriadRole.COMMISSIONER),
    ("Bc. Lenka Marešová", "Městský úřad Lipovec, odbor sociálních věcí", Membership.TriadRole.COMMISSIONER),
    ("Jaroslav Kříž", "zástupce uživatelů služeb", Membership.TriadRole.USER),
]
# The microregion's steering group is the meeting of its mayors, with its manager and the users' voice.
MICROREGION_MAYORS = [
    ("Josef Vlček", "starosta obce Březí"), ("Marie Šimková", "starostka obce Kamenná"),
    ("Václav Bureš", "starosta obce Malá Víska"), ("Jitka Holubová", "starostka obce Olšany"),
    ("Karel Pokorný", "starosta obce Zálesí"), ("Ing. Radka Novotná", "manažerka Mikroregionu Úhlava"),
    ("Jaroslav Kříž", "zástupce uživatelů služeb"),
]
# Men's and women's first and last names, so that a generated name is one person's.
FIRST_NAMES = (["Petr", "Martin", "Tomáš", "Jiří", "Pavel", "Jan", "Michal"],
               ["Eva", "Lucie", "Hana", "Kateřina", "Veronika", "Alena", "Zuzana"])
ORGANISATIONS = ["Charita Lipovec", "Domov pro seniory Lipovec", "Spolek Sousedé", "uživatel služeb",
                 "Město Lipovec", "Centrum pro rodinu Lipovec"]
LAST_NAMES = (["Svoboda", "Černý", "Kučera", "Horák"], ["Dvořáková", "Procházková", "Veselá", "Marková"])


def generated_names(taken):
    """(first, last) names for the generated members, men and women in turn, none of them a name in
    `taken` (the named demo users): two "Petr Svoboda" in one group would be one person twice. There
    are 54 of them, so at the demo's scale every member's name is their own."""
    names = []
    # 7 first names and 4 last names (coprime counts): k % 7 and k % 4 pair each with each once in 28
    # steps, and the first names vary from one member to the next.
    for k in range(len(FIRST_NAMES[0]) * len(LAST_NAMES[0])):
        for gender in (0, 1):
            name = (FIRST_NAMES[gender][k % len(FIRST_NAMES[gender])], LAST_NAMES[gender][k % len(LAST_NAMES[gender])])
            if " ".join(name) not in taken:
                names.append(name)
    return names


def seed(scale, log):
    # Demo databases seeded before slugs had to be ASCII keep their group under its new slug.
    Group.objects.filter(slug="senioři").update(slug="seniori")
    groups = []
    for order, (slug, name, audience, abbreviation, target_groups) in enumerate(WORKING_GROUPS, start=1):
        group, _ = Group.objects.update_or_create(
            slug=slug,
            defaults={"name": f"Pracovní skupina {name}", "kind": Group.Kind.WORKING, "abbreviation": abbreviation,
                      "audience": audience, "order": order,
                      "description": f"Mapuje potřeby skupiny {audience}, navrhuje opatření do plánu a sleduje jejich "
                                     "plnění. Schází se zhruba každé dva měsíce; jednání jsou otevřená hostům.",
                      "public_contact": "Koordinátorka KPSS, Mgr. Jana Nováková, kpss@lipovec.example, "
                                        "tel. 377 123 456"},
        )
        group.target_groups.set(TargetGroup.objects.filter(name__in=target_groups))
        groups.append(group)
    steering, _ = Group.objects.update_or_create(
        slug="ridici-skupina",
        defaults={"name": "Řídící skupina ORP Lipovec", "kind": Group.Kind.STEERING, "order": 0, "abbreviation": "ŘS",
                  "territory": Territory.objects.get(kind=Territory.Kind.ORP, code="9901"),
                  "public_contact": "Koordinátorka KPSS, kpss@lipovec.example",
                  "description": "Schvaluje návrhy pracovních skupin a předkládá plán zastupitelstvu města."},
    )
    mayors, _ = Group.objects.update_or_create(
        slug="ridici-skupina-uhlava",
        defaults={"name": "Řídící skupina Mikroregionu Úhlava", "kind": Group.Kind.STEERING, "order": 0,
                  "abbreviation": "ŘS MÚ",
                  "territory": Territory.objects.get(kind=Territory.Kind.MICROREGION, name="Mikroregion Úhlava"),
                  "audience": "obce mikroregionu",
                  "public_contact": "Kancelář Mikroregionu Úhlava, mikroregion@uhlava.example",
                  "description": "Setkání starostů obcí mikroregionu: projednává plán za obce mikroregionu "
                                 "a předkládá ho valné hromadě svazku."},
    )
    for name, office in MICROREGION_MAYORS:
        person, _ = Person.objects.get_or_create(name=name, user=None, defaults={"organisation": office})
        Membership.objects.get_or_create(group=mayors, person=person, defaults={
            "triad_role": Membership.TriadRole.USER if name == "Jaroslav Kříž" else Membership.TriadRole.COMMISSIONER,
            "organisation": office, "publish_name": True,
            "position": Membership.Position.CHAIR if name == MICROREGION_MAYORS[0][0] else Membership.Position.MEMBER,
        })

    member = demo_user("clen", "Petr", "Svoboda", "petr.svoboda@lipovec.example")
    Membership.objects.get_or_create(
        group=groups[0], person=Person.for_user(member),
        defaults={"position": Membership.Position.CHAIR, "triad_role": Membership.TriadRole.PROVIDER,
                  "organisation": "Pečovatelská služba Lipovec", "publish_name": True},
    )
    steering_member = demo_user("ridici", "Eva", "Dvořáková", "eva.dvorakova@lipovec.example")
    Membership.objects.get_or_create(
        group=steering, person=Person.for_user(steering_member),
        defaults={"position": Membership.Position.CHAIR, "triad_role": Membership.TriadRole.COMMISSIONER,
                  "organisation": "Město Lipovec", "publish_name": True},
    )

    # Further members, so the groups look lived in (8 besides the named ones, 7 to 20 being usual);
    # every second one is a service user or a provider's worker without a portal account, as many are.
    # The first of each group chairs it and the second keeps its minutes. --scale multiplies them.
    names = generated_names({member.get_full_name(), steering_member.get_full_name()})
    per_group = 8 * scale
    for number in range(per_group * len(groups)):
        group = groups[number % len(groups)]
        first, last = names[number % len(names)]
        seat_in_group = number // len(groups)
        if number % 2:
            organisation = ORGANISATIONS[number % len(ORGANISATIONS)]
            person, _ = Person.objects.get_or_create(name=f"{first} {last}", user=None,
                                                     defaults={"organisation": organisation})
        else:
            person = Person.for_user(demo_user(f"clen{number + 1}", first, last, ""))
        position = Membership.Position.MEMBER
        if group != groups[0] and seat_in_group == 0:
            position = Membership.Position.CHAIR
        elif seat_in_group == 1:
            position = Membership.Position.SECRETARY
        Membership.objects.get_or_create(
            group=group, person=person,
            defaults={"triad_role": list(Membership.TriadRole)[number % 4], "position": position,
                      "publish_name": number % 3 != 0},
        )
    # The steering group: the working groups' chairs and the town's people. The demo member `clen` stays
    # out of it, so signing in as him shows what a working group's chair sees of other groups: nothing.
    for group in groups:
        chair = group.memberships.filter(position=Membership.Position.CHAIR).select_related("person").first()
        if chair and chair.person.user_id != member.pk:
            Membership.objects.get_or_create(group=steering, person=chair.person, defaults={
                "triad_role": chair.triad_role, "publish_name": True,
            })
    for name, organisation, role in TOWN_PEOPLE_IN_STEERING:
        person, _ = Person.objects.get_or_create(name=name, user=None, defaults={"organisation": organisation})
        Membership.objects.get_or_create(group=steering, person=person, defaults={
            "triad_role": role, "organisation": organisation, "publish_name": True,
        })
    log(f"Skupiny: {len(groups)} pracovních skupin a 2 řídící skupiny, {Membership.objects.count()} členství")
    return {"member": member, "steering_member": steering_member}
