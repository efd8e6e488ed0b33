"""Demo planning groups of Lipovec: five working groups and the steering group."""

from groups.models import Group, Membership, Person
from kpss.demo import demo_user

WORKING_GROUPS = [
    ("seniori", "Senioři", "senioři a pečující"),
    ("zdravotni-postizeni", "Osoby se zdravotním postižením", "osoby se zdravotním postižením"),
    ("rodiny-s-detmi", "Rodiny s dětmi a mládež", "rodiny s dětmi, děti a mládež"),
    ("socialni-vylouceni", "Osoby ohrožené sociálním vyloučením", "osoby v krizi, bez domova, zadlužení"),
    ("dusevni-zdravi", "Duševní zdraví a závislosti", "lidé s duševním onemocněním a závislostmi"),
]
# Men's and women's first and last names, so that a generated name is one person's.
FIRST_NAMES = (["Petr", "Martin", "Tomáš", "Jiří", "Pavel"], ["Eva", "Lucie", "Hana", "Kateřina", "Veronika"])
LAST_NAMES = (["Svoboda", "Černý", "Kučera", "Horák"], ["Dvořáková", "Procházková", "Veselá", "Marková"])


def generated_names(taken):
    """(first, last) names for the generated members, men and women in turn, none of them a name in
    `taken` (the named demo users): two "Petr Svoboda" in one group would be one person twice. There
    are 38 of them, so at the demo's scale every member's name is their own."""
    names = []
    # 5 first names and 4 last names (coprime counts): k % 5 and k % 4 pair each with each once in 20
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
    for order, (slug, name, audience) in enumerate(WORKING_GROUPS, start=1):
        group, _ = Group.objects.update_or_create(
            slug=slug,
            defaults={"name": f"Pracovní skupina {name}", "kind": Group.Kind.WORKING,
                      "audience": audience, "order": order},
        )
        groups.append(group)
    steering, _ = Group.objects.update_or_create(
        slug="ridici-skupina",
        defaults={"name": "Řídící skupina", "kind": Group.Kind.STEERING, "order": 0,
                  "description": "Schvaluje návrhy pracovních skupin a předkládá plán zastupitelstvu."},
    )

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

    # Further members, so the groups look lived in; --scale multiplies them for benchmarks.
    names = generated_names({member.get_full_name(), steering_member.get_full_name()})
    for number in range(4 * scale * len(groups)):
        group = groups[number % len(groups)]
        first, last = names[number % len(names)]
        user = demo_user(f"clen{number + 1}", first, last, "")
        Membership.objects.get_or_create(
            group=group, person=Person.for_user(user),
            defaults={"triad_role": list(Membership.TriadRole)[number % 4]},
        )
    log(f"Skupiny: {len(groups)} pracovních skupin a řídící skupina, {Membership.objects.count()} členství")
    return {"member": member, "steering_member": steering_member}
