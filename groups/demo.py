"""Demo planning groups of Lipovec: five working groups and the steering group."""

from groups.models import Group, Membership
from kpss.demo import demo_user

WORKING_GROUPS = [
    ("senioři", "Senioři", "senioři a pečující"),
    ("zdravotni-postizeni", "Osoby se zdravotním postižením", "osoby se zdravotním postižením"),
    ("rodiny-s-detmi", "Rodiny s dětmi a mládež", "rodiny s dětmi, děti a mládež"),
    ("socialni-vylouceni", "Osoby ohrožené sociálním vyloučením", "osoby v krizi, bez domova, zadlužení"),
    ("dusevni-zdravi", "Duševní zdraví a závislosti", "lidé s duševním onemocněním a závislostmi"),
]
FIRST_NAMES = ["Petr", "Eva", "Martin", "Lucie", "Tomáš", "Hana", "Jiří", "Kateřina", "Pavel", "Veronika"]
LAST_NAMES = ["Svoboda", "Dvořáková", "Černý", "Procházková", "Kučera", "Veselá", "Horák", "Marková"]


def seed(scale, log):
    groups = []
    for order, (slug, name, target_group) in enumerate(WORKING_GROUPS, start=1):
        group, _ = Group.objects.update_or_create(
            slug=slug,
            defaults={"name": f"Pracovní skupina {name}", "kind": Group.Kind.WORKING,
                      "target_group": target_group, "order": order},
        )
        groups.append(group)
    steering, _ = Group.objects.update_or_create(
        slug="ridici-skupina",
        defaults={"name": "Řídící skupina", "kind": Group.Kind.STEERING, "order": 0,
                  "description": "Schvaluje návrhy pracovních skupin a předkládá plán zastupitelstvu."},
    )

    member = demo_user("clen", "Petr", "Svoboda", "petr.svoboda@lipovec.example")
    Membership.objects.get_or_create(
        group=groups[0], user=member,
        defaults={"position": Membership.Position.CHAIR, "triad_role": Membership.TriadRole.PROVIDER,
                  "organisation": "Pečovatelská služba Lipovec", "publish_name": True},
    )
    steering_member = demo_user("ridici", "Eva", "Dvořáková", "eva.dvorakova@lipovec.example")
    Membership.objects.get_or_create(
        group=steering, user=steering_member,
        defaults={"position": Membership.Position.CHAIR, "triad_role": Membership.TriadRole.COMMISSIONER,
                  "organisation": "Město Lipovec", "publish_name": True},
    )

    # Further members, so the groups look lived in; --scale multiplies them for benchmarks.
    for number in range(4 * scale * len(groups)):
        group = groups[number % len(groups)]
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[number % len(LAST_NAMES)]
        user = demo_user(f"clen{number + 1}", first, last, "")
        Membership.objects.get_or_create(
            group=group, user=user,
            defaults={"triad_role": list(Membership.TriadRole)[number % 4]},
        )
    log(f"Skupiny: {len(groups)} pracovních skupin a řídící skupina, {Membership.objects.count()} členství")
    return {"member": member, "steering_member": steering_member}
