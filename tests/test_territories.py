"""Territories: ČSÚ codes, the region → ORP → municipality tree, and unions of municipalities."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from kpss.models import Territory
from tests.factories import TerritoryFactory

Kind = Territory.Kind


@pytest.fixture
def region(db):
    return TerritoryFactory(name="Plzeňský kraj", kind=Kind.REGION, code="CZ032")


@pytest.fixture
def orp(region):
    return TerritoryFactory(name="Klatovy", kind=Kind.ORP, code="3204", parent=region)


@pytest.mark.parametrize(("kind", "code"), [
    (Kind.REGION, "CZ032"), (Kind.ORP, "3204"), (Kind.MUNICIPALITY, "555771"),
    (Kind.MICROREGION, ""), (Kind.DSO, ""), (Kind.MAS, ""),
])
def test_valid_codes_pass(db, kind, code):
    Territory(name="Území", kind=kind, code=code).full_clean()


@pytest.mark.parametrize(("kind", "code"), [
    (Kind.REGION, "32"), (Kind.ORP, "32041"), (Kind.MUNICIPALITY, "55577"), (Kind.MUNICIPALITY, ""),
])
def test_malformed_codes_are_refused_with_a_czech_message(db, kind, code):
    with pytest.raises(ValidationError) as error:
        Territory(name="Území", kind=kind, code=code).full_clean()
    assert "code" in error.value.message_dict
    assert "číslic" in str(error.value) or "NUTS" in str(error.value)


def test_a_municipality_must_sit_in_an_orp(region):
    with pytest.raises(ValidationError) as error:
        Territory(name="Klatovy", kind=Kind.MUNICIPALITY, code="555771", parent=region).full_clean()
    assert "parent" in error.value.message_dict


def test_codes_are_unique_per_kind(orp):
    TerritoryFactory(kind=Kind.MUNICIPALITY, code="555771", parent=orp)
    with pytest.raises(IntegrityError):
        TerritoryFactory(kind=Kind.MUNICIPALITY, code="555771", parent=orp)


def test_municipalities_of_each_kind_of_territory(region, orp):
    klatovy = TerritoryFactory(name="Klatovy", code="555771", parent=orp)
    becice = TerritoryFactory(name="Běšiny", code="555789", parent=orp)
    other_orp = TerritoryFactory(name="Nýřany", kind=Kind.ORP, code="3206", parent=region)
    tousov = TerritoryFactory(name="Město Touškov", code="559717", parent=other_orp)
    union = TerritoryFactory(name="Mikroregion Touškovsko", kind=Kind.MICROREGION, code="")
    union.members.set([tousov, becice])

    assert set(klatovy.municipalities()) == {klatovy}
    assert set(orp.municipalities()) == {klatovy, becice}
    assert set(region.municipalities()) == {klatovy, becice, tousov}
    assert set(union.municipalities()) == {tousov, becice}
    assert union.is_union
    assert not orp.is_union
