"""History pages list everything done to a plan or a group, and within it (ActionLog contexts)."""

import re

from django.urls import reverse

from kpss.models import ActionLog
from tests.helpers import assert_queries_do_not_grow, page_text
from tests.test_measure_edit import save_measure


def test_a_log_entry_knows_its_plan_and_group(client_as, member_a, measure_a, plan, group_a, group_b):
    save_measure(client_as(member_a), measure_a, title="Terénní péče i o víkendech")
    entry = ActionLog.objects.for_object(measure_a).get()
    assert ActionLog.objects.about(plan).filter(pk=entry.pk).exists()
    assert ActionLog.objects.about(group_a).filter(pk=entry.pk).exists()
    assert not ActionLog.objects.about(group_b).filter(pk=entry.pk).exists()


def test_the_plan_history_lists_the_strategy_comments_and_steps(
    request, client_as, coordinator, member_a, measure_a, plan,
):
    save_measure(client_as(member_a), measure_a, title="Terénní péče i o víkendech")
    submit_comment = request.getfixturevalue("submit_comment")  # opens the plan for comments
    comment = submit_comment(text="Chybí víkendová služba.")
    html = page_text(client_as(coordinator).get(reverse("planning:plan_history", args=[plan.slug])))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Opatření 1.1.1 Terénní péče i o víkendech: změněno" in text
    assert "Opatření skupiny Pracovní skupina Senioři → Terénní péče i o víkendech" in text
    assert "Zveřejnit k připomínkám návrh → otevřeno připomínkám · verze 1" in text
    assert f"Připomínka {comment.reference}: podáno" in text


def test_the_group_history_lists_what_its_members_did(client_as, coordinator, member_a, measure_a, measure_b,
                                                      group_a):
    save_measure(client_as(member_a), measure_a, title="Změna skupiny A")
    save_measure(client_as(coordinator), measure_b, title="Změna skupiny B")
    text = page_text(client_as(coordinator).get(reverse("groups:group_history", args=[group_a.pk])))
    assert "Změna skupiny A" in text
    assert "Změna skupiny B" not in text


def test_the_history_runs_constant_queries(client_as, coordinator, member_a, plan, measure_a):
    client = client_as(coordinator)
    url = reverse("planning:plan_history", args=[plan.slug])

    def add(n):
        for number in range(n):
            save_measure(client_as(member_a), measure_a.__class__.objects.get(pk=measure_a.pk), title=f"Verze {number}")
        client_as(coordinator)

    assert_queries_do_not_grow(lambda: client.get(url), add)


def test_dates_in_the_history_read_as_czech_dates(client_as, coordinator, plan):
    plan.transition("open_for_comments", coordinator)
    plan.transition("close_comments", coordinator)
    import datetime

    plan.transition("approve_by_steering", coordinator, steering_resolution="ŘS/4/2024",
                    steering_approved_on=datetime.date(2024, 11, 18))
    text = page_text(client_as(coordinator).get(reverse("planning:plan_history", args=[plan.slug])))
    assert "ŘS/4/2024, 18. 11. 2024" in text
    assert "2024-11-18" not in text
