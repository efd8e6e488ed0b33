"""seed_demo: a realistic demo town, safe to run twice, and refused in production."""

import io

import pytest
from django.core.management import CommandError, call_command

from groups.models import Group, Membership
from kpss.models import SiteSettings, Territory, User


def seed(*args):
    call_command("seed_demo", *args, stdout=io.StringIO())


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def counts():
    return (Territory.objects.count(), User.objects.count(), Group.objects.count(), Membership.objects.count())


def test_demo_town_has_an_orp_with_a_dozen_municipalities_and_a_microregion(db, debug):
    seed()
    orp = Territory.objects.get(kind=Territory.Kind.ORP)
    assert orp.municipalities().count() == 12
    microregion = Territory.objects.get(kind=Territory.Kind.MICROREGION)
    assert microregion.municipalities().count() == 5
    assert SiteSettings.get_solo().site_name == "Město Lipovec"


def test_demo_has_a_user_for_each_role(db, debug):
    seed()
    coordinator = User.objects.get(username="koordinatorka")
    assert coordinator.is_coordinator
    assert coordinator.has_perm("kpss.change_territory")
    assert Membership.objects.filter(user__username="clen", group__kind=Group.Kind.WORKING).exists()
    assert Membership.objects.filter(user__username="ridici", group__kind=Group.Kind.STEERING).exists()
    assert Group.objects.filter(kind=Group.Kind.WORKING).count() == 5


def test_running_twice_changes_nothing(db, debug):
    seed()
    first = counts()
    seed()
    assert counts() == first


def test_scale_multiplies_the_volume(db, debug):
    seed("--scale", "3")
    assert Territory.objects.municipalities().count() == 36
    assert Membership.objects.count() > 3 * 20


def test_dry_run_saves_nothing(db, debug):
    seed("--dry-run")
    assert counts() == (0, 0, 0, 0)


def test_refused_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert User.objects.count() == 0


def test_prints_the_demo_logins(db, debug, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for username in ["koordinatorka", "clen", "ridici"]:
        assert username in out
    assert "kpss-demo-heslo" in out
