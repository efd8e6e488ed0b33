"""Working-group members edit the measures of their own group; concurrent saves never overwrite."""

import pytest
from django.urls import reverse

from kpss.models import ActionLog
from planning.models import Measure, Plan
from tests.helpers import open_form, page_text


def edit_url(measure):
    return reverse("planning:measure_edit", args=[measure.plan.slug, measure.pk])


def form_data(measure, **changes):
    data = {
        "goal": measure.goal_id, "group": measure.group_id, "title": measure.title,
        "description": measure.description, "rationale": measure.rationale, "responsible": "",
        "implementer": "", "partners": "", "year_from": measure.year_from or "", "year_to": measure.year_to or "",
        "annual_cost": measure.annual_cost or "", "expected_outputs": "", "capacity_change": "",
        "capacity_unit": "", "service_form": "", "service_type": "", "revision": measure.revision,
        "indicators-TOTAL_FORMS": 0, "indicators-INITIAL_FORMS": 0,
    }
    indicators = list(measure.indicators.all())
    data["indicators-TOTAL_FORMS"] = data["indicators-INITIAL_FORMS"] = len(indicators)
    for index, indicator in enumerate(indicators):
        data.update({
            f"indicators-{index}-id": indicator.pk, f"indicators-{index}-measure": measure.pk,
            f"indicators-{index}-name": indicator.name, f"indicators-{index}-unit": indicator.unit,
            f"indicators-{index}-baseline": indicator.baseline, f"indicators-{index}-target": indicator.target,
        })
    data.update(changes)
    return data


def save_measure(client, measure, **changes):
    """Open the measure's edit page and save it with `changes`, as a person does; returns the answer."""
    open_form(client, edit_url(measure), fields=changes)
    return client.post(edit_url(measure), form_data(measure, **changes))


def test_a_member_edits_a_measure_of_their_group(client_as, member_a, measure_a):
    client = client_as(member_a)
    assert client.get(edit_url(measure_a)).status_code == 200
    response = client.post(edit_url(measure_a), form_data(
        measure_a, title="Rozšíření terénní pečovatelské služby", annual_cost="2500000",
        **{"indicators-0-target": "40"},
    ))
    assert response.status_code == 302
    measure_a.refresh_from_db()
    assert measure_a.title == "Rozšíření terénní pečovatelské služby"
    assert measure_a.revision == 2
    assert measure_a.updated_by == member_a
    assert measure_a.indicators.get().target == 40
    entry = ActionLog.objects.for_object(measure_a).get()
    assert entry.user == member_a
    assert entry.data["changes"]["title"][1] == "Rozšíření terénní pečovatelské služby"
    assert "indicators" in entry.data["changes"]


def test_a_member_cannot_reach_a_measure_of_another_group(client_as, member_a, measure_b):
    client = client_as(member_a)
    assert client.get(edit_url(measure_b)).status_code == 404
    assert client.post(edit_url(measure_b), form_data(measure_b, title="Cizí")).status_code == 404
    measure_b.refresh_from_db()
    assert measure_b.title != "Cizí"


def test_a_member_cannot_move_their_measure_to_another_group(client_as, member_a, measure_a, group_b):
    open_form(client_as(member_a), edit_url(measure_a), fields=["group"])
    response = client_as(member_a).post(edit_url(measure_a), form_data(measure_a, group=group_b.pk))
    assert response.status_code == 200
    assert "group" in response.context["form"].errors
    assert Measure.objects.get(pk=measure_a.pk).group_id == measure_a.group_id


def test_the_public_is_sent_to_sign_in(client, measure_a):
    response = client.get(edit_url(measure_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_coordinator_edits_any_group(client_as, coordinator, measure_b):
    open_form(client_as(coordinator), edit_url(measure_b), fields=["title"])
    response = client_as(coordinator).post(edit_url(measure_b), form_data(measure_b, title="Upraveno koordinátorkou"))
    assert response.status_code == 302
    assert Measure.objects.get(pk=measure_b.pk).title == "Upraveno koordinátorkou"


@pytest.mark.parametrize("status", [Plan.Status.COMMENTS, Plan.Status.IN_FORCE, Plan.Status.ARCHIVED])
def test_nobody_edits_a_plan_that_is_not_a_draft_or_being_settled(client_as, member_a, coordinator, measure_a, status):
    Plan.objects.filter(pk=measure_a.plan_id).update(status=status)
    assert client_as(member_a).get(edit_url(measure_a)).status_code == 403
    assert client_as(coordinator).post(edit_url(measure_a), form_data(measure_a, title="X")).status_code == 403
    assert Measure.objects.get(pk=measure_a.pk).title != "X"


def test_bad_input_is_explained_next_to_the_field_and_keeps_what_was_typed(client_as, member_a, measure_a):
    open_form(client_as(member_a), edit_url(measure_a), fields=["title", "year_from", "year_to", "annual_cost"])
    response = client_as(member_a).post(edit_url(measure_a), form_data(
        measure_a, title="Nový název, který nesmí zmizet", year_from="2027", year_to="2025", annual_cost="-5",
    ))
    text = page_text(response)
    assert response.status_code == 200
    assert "Poslední rok nemůže být dřív než první rok." in text
    assert "Náklady nemohou být záporné." in text
    assert 'value="Nový název, který nesmí zmizet"' in text
    assert Measure.objects.get(pk=measure_a.pk).title != "Nový název, který nesmí zmizet"


def test_an_invalid_indicator_saves_nothing_of_the_measure(client_as, member_a, measure_a):
    open_form(client_as(member_a), edit_url(measure_a), fields=["indicators-0-target"])
    response = client_as(member_a).post(edit_url(measure_a), form_data(
        measure_a, title="Změna, která se nesmí uložit napůl", **{"indicators-0-target": "hodně"},
    ))
    assert response.status_code == 200
    assert "Zadejte číslo." in page_text(response)
    assert Measure.objects.get(pk=measure_a.pk).title != "Změna, která se nesmí uložit napůl"


def test_the_second_of_two_concurrent_saves_is_refused_and_shows_what_changed(
    client_as, member_a, coordinator, measure_a,
):
    # Both open the form at revision 1.
    assert open_form(client_as(member_a), edit_url(measure_a)).context["form"]["revision"].value() == 1
    assert open_form(client_as(coordinator), edit_url(measure_a)).context["form"]["revision"].value() == 1
    opened_by_member = form_data(measure_a)
    opened_by_coordinator = form_data(measure_a)
    first = client_as(coordinator).post(edit_url(measure_a), {
        **opened_by_coordinator, "description": "Popis od koordinátorky.",
    })
    assert first.status_code == 302
    second = client_as(member_a).post(edit_url(measure_a), {
        **opened_by_member, "description": "Popis od člena skupiny.",
    })
    text = page_text(second)
    assert second.status_code == 409
    assert "Mezitím to uložil někdo jiný" in text
    assert "Jana Nováková" in text  # who
    assert "Popis od koordinátorky." in text  # what they changed
    assert "Popis od člena skupiny." in text  # what the member typed is still in the form
    assert Measure.objects.get(pk=measure_a.pk).description == "Popis od koordinátorky."
    # Having seen the change, the member may save knowingly: the form now carries the new revision.
    assert second.context["form"]["revision"].value() == 2


def test_a_member_adds_a_measure_to_a_goal_of_their_group_and_codes_renumber(client_as, member_a, measure_a):
    goal = measure_a.goal
    data = form_data(measure_a, title="Nové opatření", revision="")
    data.update({"indicators-TOTAL_FORMS": 0, "indicators-INITIAL_FORMS": 0})
    url = reverse("planning:measure_create", args=[measure_a.plan.slug]) + f"?cil={goal.pk}"
    open_form(client_as(member_a), url, fields=["goal", "title", "indicators-TOTAL_FORMS"])
    assert client_as(member_a).post(url, data).status_code == 302
    new = Measure.objects.get(title="Nové opatření")
    assert new.code == f"{goal.code}.2"
    assert new.group == measure_a.group


def test_numbers_take_a_decimal_comma_and_show_no_trailing_zeros(client_as, member_a, measure_a):
    client = client_as(member_a)
    page = client.get(edit_url(measure_a)).content.decode()
    assert 'name="indicators-0-target" value="25"' in page  # not "25.00"
    assert 'inputmode="decimal"' in page
    response = client.post(edit_url(measure_a), form_data(measure_a, **{
        "indicators-0-target": "25,5", "indicators-0-baseline": "1 500,5", "annual_cost": "1 250 000",
    }))
    assert response.status_code == 302
    indicator = measure_a.indicators.get()
    assert (str(indicator.target), str(indicator.baseline)) == ("25.50", "1500.50")  # never 255
    measure_a.refresh_from_db()
    assert measure_a.annual_cost == 1250000
    page = client.get(edit_url(measure_a)).content.decode()
    assert 'name="indicators-0-target" value="25,5"' in page
    assert 'name="indicators-0-baseline" value="1500,5"' in page
    assert client.post(edit_url(measure_a), form_data(measure_a, **{"indicators-0-target": "25,5,1"})
                       ).context["formsets"][0].errors[0]["target"] == ["Zadejte číslo."]


def test_the_weight_in_the_evaluation_takes_a_decimal_comma_and_defaults_to_one(client_as, member_a, measure_a):
    client = client_as(member_a)
    open_form(client, edit_url(measure_a), fields=["weight"])
    assert client.post(edit_url(measure_a), form_data(measure_a, weight="2,5")).status_code == 302
    measure_a.refresh_from_db()
    assert str(measure_a.weight) == "2.50"
    refused = client.post(edit_url(measure_a), form_data(measure_a, weight="-1"))
    assert "weight" in refused.context["form"].errors
    assert client.post(edit_url(measure_a), form_data(measure_a, weight="")).status_code == 302
    measure_a.refresh_from_db()
    assert measure_a.weight == 1
