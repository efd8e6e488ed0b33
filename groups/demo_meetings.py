"""Demo meetings of Lipovec's groups: a year of meetings (six per group) with attendance, approved
minutes, resolutions and tasks (some overdue), two workshops, the next meetings, a cancelled one,
minutes waiting for approval, and the project's key activities with their meeting targets.

Dates are counted back from the day the demo is seeded, so the year is always the last one.
Running it again changes nothing: meetings are found by their group and number.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from groups.models import (
    AgendaItem,
    Group,
    Invitation,
    KeyActivity,
    Meeting,
    MeetingTarget,
    Minutes,
    Resolution,
    Task,
)
from planning.models import Measure

PLACE = "Městský úřad Lipovec, zasedací místnost č. 12"
# (months back, topic of the meeting's main point, what the group agreed, the task it gave)
MEETINGS = [
    (11, "Vyhodnocení akčního plánu 2025", "bere na vědomí vyhodnocení opatření skupiny za rok 2025",
     "Připravit podklady k vyhodnocení za skupinu"),
    (9, "Analýza potřeb uživatelů", "schvaluje dotazník pro uživatele služeb",
     "Rozeslat dotazník poskytovatelům"),
    (7, "SWOT analýza skupiny", "schvaluje SWOT analýzu skupiny pro akční plán 2027",
     "Doplnit SWOT o připomínky z jednání"),
    (5, "Návrh opatření akčního plánu 2027",
     "doporučuje řídící skupině zařadit navržená opatření do akčního plánu 2027",
     "Rozpracovat opatření do karet s náklady"),
    (3, "Podněty z veřejného projednání", "bere na vědomí podněty z veřejného projednání a zapracovává je",
     "Odpovědět na podněty, které se skupiny týkají"),
    (1, "Financování služeb v roce 2027", "doporučuje navýšit podporu terénních služeb z rozpočtu města",
     "Projednat návrh s odborem sociálních věcí"),
]
ATTENDANCE = [Invitation.PRESENT, Invitation.PRESENT, Invitation.PRESENT, Invitation.EXCUSED, Invitation.PRESENT,
              Invitation.ABSENT]
WORKSHOPS = [
    ("seniori", 8, "Síťování služeb pro seniory", "Mgr. Ivana Králová", Decimal("6"), 14),
    ("rodiny-s-detmi", 6, "Práce s rodinou v krizi", "PhDr. Tomáš Beneš", Decimal("6.5"), 11),
]


def seed(scale, log, people):
    groups = list(Group.objects.filter(kind__in=[Group.Kind.WORKING, Group.Kind.STEERING]).order_by("order", "pk"))
    coordinator = people["coordinator"]
    today = timezone.localdate()
    for index, group in enumerate(groups):
        members = list(group.memberships.current().select_related("person").order_by("pk"))
        measures = list(Measure.objects.filter(group=group, plan__slug="sp-2025-2027").order_by("code")[:3])
        number = 0
        for repeat in range(scale):
            for months_back, topic, agreed, task_title in MEETINGS:
                number += 1
                day = _tuesday(today - datetime.timedelta(days=30 * months_back + 7 * repeat) + datetime.timedelta(
                    days=index))
                meeting = _meeting(group, number, day, topic, members)
                if meeting is None:
                    continue
                _resolution_and_task(meeting, agreed, task_title, members, measures, today)
                # The newest meeting of one group waits for its minutes; an older one of another is late.
                late = group.slug == "socialni-vylouceni" and months_back == 1
                waiting = group.slug == "rodiny-s-detmi" and months_back == 1
                if not (late or waiting) or repeat:
                    _approve(meeting.minutes, coordinator)
        _upcoming(group, number + 1, _tuesday(today + datetime.timedelta(days=40 + index)), members)
        if group.kind == Group.Kind.STEERING:
            _cancelled(group, number + 2, _tuesday(today + datetime.timedelta(days=70)))
    for slug, months_back, topic, lecturer, hours, guests in WORKSHOPS:
        group = Group.objects.get(slug=slug)
        _workshop(group, topic, lecturer, hours, guests, today - datetime.timedelta(days=30 * months_back), coordinator)
    _targets(today)
    log(f"Jednání: {Meeting.objects.count()} (schválených zápisů {Minutes.objects.filter(status='approved').count()}), "
        f"úkolů {Task.objects.count()}, usnesení {Resolution.objects.count()}")


def _tuesday(day):
    return day - datetime.timedelta(days=(day.weekday() - 1) % 7)


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _meeting(group, number, day, topic, members, kind=Meeting.Kind.GROUP_MEETING, hours=None):
    meeting, created = Meeting.objects.get_or_create(group=group, number=number, defaults={
        "kind": kind, "starts_at": _at(day, 15), "ends_at": _at(day, 17), "place": PLACE, "hours": hours,
        "guests_count": number % 3,
    })
    if not created:
        return None
    for position, (title, record) in enumerate([
        ("Zahájení a kontrola úkolů", "Jednání zahájil(a) předseda(kyně) skupiny. Úkoly z minulého jednání "
                                      "byly splněny."),
        (topic, f"Skupina projednala bod **{topic.lower()}**. Diskuse se týkala dostupnosti služeb "
                "v menších obcích a kapacit terénních služeb.\n\n- shoda na dalším postupu\n- podklady rozešle "
                "zapisovatel(ka)"),
        ("Různé a závěr", "Příští jednání se uskuteční podle harmonogramu."),
    ], start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, title=title, record=record)
    Invitation.objects.bulk_create([
        Invitation(meeting=meeting, person=membership.person,
                   attendance=ATTENDANCE[(number + seat) % len(ATTENDANCE)] if meeting.ends_at < timezone.now()
                   else Invitation.INVITED)
        for seat, membership in enumerate(members)
    ])
    Minutes.objects.create(meeting=meeting, introduction="Jednání řídil(a) předseda(kyně) skupiny, zapisoval(a) "
                                                         "tajemník(ice) skupiny.")
    return meeting


def _resolution_and_task(meeting, agreed, task_title, members, measures, today):
    measure = measures[meeting.number % len(measures)] if measures else None
    resolution = Resolution.objects.create(group=meeting.group, meeting=meeting, position=1,
                              text=f"{meeting.group.short_name} {agreed}.", votes_for=len(members) - 2,
                              votes_against=0, votes_abstained=1, measure=measure)
    responsible = members[1].person if len(members) > 1 else None
    due = meeting.starts_at.date() + datetime.timedelta(days=30)
    done = due < today - datetime.timedelta(days=90)  # older tasks are done; the recent ones partly overdue
    Task.objects.create(group=meeting.group, meeting=meeting, resolution=resolution, title=task_title,
                        responsible=responsible, due_on=due, status=Task.Status.DONE if done else Task.Status.OPEN,
                        measure=measure)


def _upcoming(group, number, day, members):
    _meeting(group, number, day, "Příprava akčního plánu 2028", members)


def _cancelled(group, number, day):
    meeting, created = Meeting.objects.get_or_create(group=group, number=number, defaults={
        "starts_at": _at(day, 15), "ends_at": _at(day, 17), "place": PLACE,
    })
    if created:
        Meeting.objects.filter(pk=meeting.pk).update(
            status=Meeting.Status.CANCELLED, cancel_reason="Předseda skupiny onemocněl; jednání se přesouvá.",
            sequence=1,
        )


def _workshop(group, topic, lecturer, hours, guests, day, coordinator):
    number = (group.meetings.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    if group.meetings.filter(kind=Meeting.Kind.WORKSHOP, topic=topic).exists():
        return
    members = list(group.memberships.current().select_related("person"))
    meeting = _meeting(group, number, day, topic, members, kind=Meeting.Kind.WORKSHOP, hours=hours)
    Meeting.objects.filter(pk=meeting.pk).update(
        title=f"Workshop: {topic}", topic=topic, lecturer=lecturer, guests_count=guests,
        starts_at=_at(day, 9), ends_at=_at(day, 16),
    )
    meeting.refresh_from_db()
    _approve(meeting.minutes, coordinator)


def _targets(today):
    period = (datetime.date(today.year - 1, 1, 1), datetime.date(today.year + 1, 12, 31))
    groups_activity, _ = KeyActivity.objects.get_or_create(code="KA 01", defaults={
        "name": "Činnost pracovních skupin a řídící skupiny", "starts_on": period[0], "ends_on": period[1],
        "description": "Každá pracovní skupina a řídící skupina se sejde alespoň dvacetkrát.",
    })
    workshops, _ = KeyActivity.objects.get_or_create(code="KA 02", defaults={
        "name": "Vzdělávací workshopy", "starts_on": period[0], "ends_on": period[1],
        "description": "Šest workshopů v délce alespoň 6 hodin s alespoň 10 účastníky.",
    })
    for group in Group.objects.filter(kind__in=[Group.Kind.WORKING, Group.Kind.STEERING]):
        MeetingTarget.objects.get_or_create(key_activity=groups_activity, group=group, defaults={
            "kinds": [Meeting.Kind.GROUP_MEETING], "required_count": 20,
        })
    for slug in ("seniori", "rodiny-s-detmi"):
        MeetingTarget.objects.get_or_create(key_activity=workshops, group=Group.objects.get(slug=slug), defaults={
            "kinds": [Meeting.Kind.WORKSHOP], "required_count": 3, "min_hours": Decimal("6"), "min_participants": 10,
        })


def _approve(minutes, by):
    """Approve as the chair would: the resolutions get their numbers and the minutes a frozen version.
    Nobody is e-mailed, and the PDFs are rendered by seed_demo at the end, as every demo PDF is."""
    minutes.approve(by)

