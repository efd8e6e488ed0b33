"""Demo comment rounds of Lipovec: an open round on the 2026 action plan, and the settled round of
the 2025–2027 midterm plan with its published settlement table.

Kept apart from planning/demo.py, which builds the plans these rounds comment on.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from groups.models import Group
from planning.models import AnswerTemplate, Comment, CommentRound, Plan, Suggestion

ANSWER_TEMPLATES = [
    ("Mimo rozsah plánu", Comment.Outcome.EXPLAINED,
     "Připomínka se netýká sociálních služeb; předali jsme ji příslušnému odboru městského úřadu."),
    ("Duplicitní", Comment.Outcome.DUPLICATE, "Stejný požadavek obsahuje jiná připomínka; odpověď je uvedena u ní."),
    ("Bez finančního krytí", Comment.Outcome.REJECTED,
     "Na opatření nejsou v rozpočtu na toto období prostředky; pracovní skupina ho zváží v příštím akčním plánu."),
]

# (part: measure title or "", text, proposed wording, name, organisation, type, publish, group slug)
OPEN_ROUND_COMMENTS = [
    ("Rozšíření pečovatelské služby o večery a víkendy",
     "Večerní provoz do 20 hodin nestačí lidem, kteří pracují na směny. Prosíme o provoz do 21 hodin.",
     "Pečovatelská služba prodlouží provoz ve všední dny do 21 hodin.", "Marie Horáková", "", "user", True,
     "seniori"),
    ("", "V plánu chybí doprava pro lidi se sníženou pohyblivostí z malých obcí do Lipovce k lékaři.", "",
     "Josef Beneš", "Obec Kamenná", "municipality", True, ""),
    ("Denní stacionář pro seniory s demencí",
     "Kapacita 12 míst je málo; podle naší evidence čeká na místo 20 rodin.",
     "Kapacita denního stacionáře 20 míst.", "Pavel Marek", "Alzheimer klub Lipovec, z. s.", "provider", False,
     "seniori"),
    ("", "Prosím o zveřejnění, kolik město dává na sociální služby celkem.", "", "Jana Malá", "", "public", False,
     ""),
]

SETTLED_ROUND_COMMENTS = [
    ("Rozšíření pečovatelské služby o večery a víkendy",
     "Služba by měla o víkendech i vozit obědy, jinak senioři o víkendu nemají teplé jídlo.",
     "Doplnit dovoz obědů o víkendech a svátcích.", "Věra Nováková", "Klub seniorů Lipovec", "user", True,
     "seniori", Comment.Outcome.ACCEPTED, "", "Rozšíření pečovatelské služby o večery a víkendy"),
    ("", "Plán by měl počítat s domácí hospicovou péčí; umírající dnes končí v nemocnici.",
     "Doplnit opatření na podporu domácí hospicové a paliativní péče.", "MUDr. Petr Svoboda", "", "public", False,
     "seniori", Comment.Outcome.ACCEPTED, "Opatření 1.2.3 bylo doplněno.",
     "Podpora domácí hospicové a paliativní péče"),
    ("Zřízení noclehárny", "Osm lůžek v zimě nestačí; loni v lednu přespávalo venku až 12 lidí.",
     "Kapacita noclehárny 10 lůžek.", "Lenka Šimková", "Oblastní charita Lipovec", "provider", True,
     "socialni-vylouceni", Comment.Outcome.PARTLY_ACCEPTED,
     "Kapacitu zvyšujeme na 10 lůžek; v zimě ji doplní nouzová lůžka v azylovém domě.", "Zřízení noclehárny"),
    ("", "Opravte výtluky na chodníku v ulici Polní.", "", "Karel Dvořák", "", "public", False,
     "", Comment.Outcome.EXPLAINED, ANSWER_TEMPLATES[0][2], ""),
]


def day_starts(day):
    return timezone.make_aware(datetime.combine(day, time(0, 0)))


def day_ends(day):
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def seed(log):
    for title, outcome, text in ANSWER_TEMPLATES:
        AnswerTemplate.objects.get_or_create(title=title, defaults={"outcome": outcome, "text": text})
    groups = {group.slug: group for group in Group.objects.all()}
    made = [_open_round(groups), _settled_round(groups)]
    _suggestions(groups)
    log(f"Připomínky: {sum(made)} nová připomínkování, {Comment.objects.count()} připomínek, "
        f"{Suggestion.objects.count()} podnětů")


def _open_round(groups):
    plan = Plan.objects.get(slug="ap-2026")
    title = "Připomínky k návrhu akčního plánu na rok 2026"
    if CommentRound.objects.filter(title=title).exists():
        return 0
    today = timezone.localdate()
    # Relative to today, so the demo round is open whenever the demo is loaded; from the first minute
    # of its first day to the last minute of its last, as towns announce them.
    round_ = CommentRound.objects.create(
        version=plan.versions.order_by("number").first(), title=title,
        opens_at=day_starts(today - timedelta(days=21)), closes_at=day_ends(today + timedelta(days=7)),
        intro="Návrh akčního plánu na rok 2026 můžete připomínkovat jako celek, po kapitolách i po jednotlivých "
              "opatřeních. Každá připomínka dostane odpověď v tabulce vypořádání.",
    )
    measures = {measure.title: measure for measure in plan.measures.all()}
    for part, text, wording, name, organisation, kind, publish, group in OPEN_ROUND_COMMENTS:
        comment = Comment.submit(round_, measure=measures.get(part), text=text, proposed_wording=wording, name=name,
                                 organisation=organisation, commenter_type=kind, publish_name=publish)
        if group:
            Comment.objects.filter(pk=comment.pk).update(group=groups[group])
    return 1


def _settled_round(groups):
    plan = Plan.objects.get(slug="sp-2025-2027")
    title = "Připomínky k návrhu střednědobého plánu 2025–2027"
    if CommentRound.objects.filter(title=title).exists():
        return 0
    version = plan.versions.get(number=1)
    opened = version.created_at
    # Until the end of 15 October 2024, as the plan's chapter on public involvement says.
    round_ = CommentRound.objects.create(
        version=version, title=title, opens_at=opened,
        closes_at=day_ends(timezone.localdate(opened) + timedelta(days=29)),
        intro="Návrh plánu mohl připomínkovat kdokoli; připomínky vypořádaly pracovní skupiny.",
        settlement_note="Vypořádání připomínek schválila řídící skupina usnesením ŘS/4/2024.",
    )
    measures = {measure.title: measure for measure in plan.measures.all()}
    for number, row in enumerate(SETTLED_ROUND_COMMENTS, start=1):
        part, text, wording, name, organisation, kind, publish, group, outcome, justification, worked_in = row
        Comment.objects.create(
            round=round_, number=number, received_at=opened + timedelta(days=number * 3), measure=measures.get(part),
            text=text, proposed_wording=wording, name=name, organisation=organisation, commenter_type=kind,
            publish_name=publish, group=groups.get(group), outcome=outcome, justification=justification,
            worked_in_measure=measures.get(worked_in), settled_at=opened + timedelta(days=40),
        )
    round_.settlement_published_at = opened + timedelta(days=45)
    round_.save(update_fields=["settlement_published_at"])
    return 1


SUGGESTIONS = [
    ("Chybí svozová služba k lékaři pro seniory z malých obcí.", "Anna Kopecká", Suggestion.Status.RESOLVED,
     "seniori", "Doplněno do akčního plánu 2026 jako rozšíření pečovatelské služby o doprovod k lékaři."),
    ("V Lipovci není bezbariérový přístup do knihovny.", "", Suggestion.Status.ROUTED, "", ""),
]


def _suggestions(groups):
    if Suggestion.objects.exists():
        return
    for text, name, status, group, resolution in SUGGESTIONS:
        suggestion = Suggestion.submit(text=text, name=name or "Anonymní", publish_name=bool(name))
        suggestion.status = status
        suggestion.group = groups.get(group)
        suggestion.department = "" if group else "odbor správy majetku"
        suggestion.resolution = resolution
        suggestion.resolved_at = timezone.now() if status == Suggestion.Status.RESOLVED else None
        suggestion.save()
