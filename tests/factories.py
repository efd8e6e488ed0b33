import factory
from factory.django import DjangoModelFactory

from groups.models import Group, Membership
from kpss.models import Territory, User

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


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = Territory

    name = factory.Sequence(lambda n: f"Obec {n}")
    kind = Territory.Kind.MUNICIPALITY
    code = factory.Sequence(lambda n: f"{500000 + n}")
