import datetime

import factory
from factory.django import DjangoModelFactory

from groups.models import Group, Membership, Person
from kpss.models import Territory, User
from planning.models import (
    Activity,
    ApprovingBody,
    Chapter,
    Decision,
    Goal,
    Indicator,
    Measure,
    Plan,
    Priority,
    SwotItem,
)

PASSWORD = "heslo-pro-testy-123"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"uzivatel{n}")
    first_name = "Jana"
    last_name = factory.Sequence(lambda n: f"Testová {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.cz")
    password = factory.django.Password(PASSWORD)


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Pracovní skupina {n}")
    slug = factory.Sequence(lambda n: f"skupina-{n}")
    kind = Group.Kind.WORKING


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    user = None
    name = factory.LazyAttributeSequence(
        lambda person, n: person.user.get_full_name() if person.user else f"Osoba Testová {n}",
    )


class MembershipFactory(DjangoModelFactory):
    """A seat in a group; `user` (a portal account, made unless given as None) becomes the person's."""

    class Meta:
        model = Membership
        exclude = ("user",)

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)
    # One person per account, however many seats it has.
    person = factory.LazyAttribute(lambda seat: Person.for_user(seat.user) if seat.user else PersonFactory())


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = Territory

    name = factory.Sequence(lambda n: f"Obec {n}")
    kind = Territory.Kind.MUNICIPALITY
    code = factory.Sequence(lambda n: f"{500000 + n}")


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Střednědobý plán rozvoje sociálních služeb {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    kind = Plan.Kind.MIDTERM
    year_from = 2025
    year_to = 2027


class ChapterFactory(DjangoModelFactory):
    class Meta:
        model = Chapter

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Kapitola {n}")
    body = "Text kapitoly."


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Priorita {n}")
    position = factory.Sequence(lambda n: n)


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    priority = factory.SubFactory(PriorityFactory)
    group = factory.SubFactory(GroupFactory)
    title = factory.Sequence(lambda n: f"Cíl {n}")
    position = factory.Sequence(lambda n: n)


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    goal = factory.SubFactory(GoalFactory)
    group = factory.LazyAttribute(lambda measure: measure.goal.group)
    title = factory.Sequence(lambda n: f"Opatření {n}")
    description = "Rozšířit kapacitu služby."
    position = factory.Sequence(lambda n: n)
    annual_cost = 1250000
    year_from = 2025
    year_to = 2027


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    measure = factory.SubFactory(MeasureFactory)
    name = "Počet klientů"
    unit = "osob"
    baseline = 10
    target = 25


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    measure = factory.SubFactory(MeasureFactory)
    title = factory.Sequence(lambda n: f"Aktivita {n}")


class SwotItemFactory(DjangoModelFactory):
    class Meta:
        model = SwotItem

    plan = factory.SubFactory(PlanFactory)
    group = factory.SubFactory(GroupFactory)
    kind = SwotItem.Kind.STRENGTH
    text = factory.Sequence(lambda n: f"Silná stránka {n}")


class ApprovingBodyFactory(DjangoModelFactory):
    class Meta:
        model = ApprovingBody

    name = factory.Sequence(lambda n: f"Zastupitelstvo obce {n}")
    kind = ApprovingBody.Kind.COUNCIL
    position = factory.Sequence(lambda n: n)


def decide(plan, by, body, outcome=Decision.Outcome.APPROVED, number="ZM/12/154/2024", on=None, note="",
           render_pdf=False):
    """Record `body`'s decision on the plan's version under approval (planning.services.record_decision)."""
    from planning.services import record_decision

    decision = Decision(body=body, outcome=outcome, resolution_number=number,
                        decided_on=on or datetime.date(2024, 12, 9), note=note)
    decision.full_clean(exclude=["version"])
    return record_decision(plan, by, decision, render_pdf=render_pdf)
