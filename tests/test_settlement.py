"""Settling comments: groups answer what is assigned to them; the coordinator moderates and publishes."""

import csv
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from planning.models import Comment, CommentRound, Plan
from tests.factories import UserFactory
from tests.helpers import assert_queries_do_not_grow, open_form, page_text
from tests.test_plan_lifecycle import STEERING


def settle_url(comment):
    return reverse("planning:comment_settle", args=[comment.pk])


@pytest.fixture
def comment_for_a(submit_comment, group_a, measure_a):
    comment = submit_comment(measure=measure_a, email="jan@example.cz", publish_name=True, organisation="Spolek")
    comment.group = group_a
    comment.save()
    return comment


@pytest.fixture
def closed(close_round, comment_for_a):
    return close_round()


class TestWhoSettles:
    EXPECTED = {"coordinator": 200, "member_a": 200, "member_b": 404, "steering_member": 404, "outsider": 404}

    @pytest.mark.parametrize("persona", list(EXPECTED))
    def test_only_the_assigned_group_and_the_coordinator_settle(self, request, client_as, closed, comment_for_a,
                                                                persona):
        user = UserFactory() if persona == "outsider" else request.getfixturevalue(persona)
        client = client_as(user)
        assert client.get(settle_url(comment_for_a)).status_code == self.EXPECTED[persona]
        client.post(settle_url(comment_for_a), {"outcome": "rejected", "justification": "Ne.", "revision": 1})
        comment_for_a.refresh_from_db()
        assert comment_for_a.is_settled == (self.EXPECTED[persona] == 200)

    def test_the_public_is_sent_to_sign_in(self, client, closed, comment_for_a):
        assert client.get(settle_url(comment_for_a)).status_code == 302

    def test_nothing_is_settled_while_the_round_is_open(self, client_as, member_a, comment_for_a):
        assert client_as(member_a).get(settle_url(comment_for_a)).status_code == 403


def test_a_member_settles_with_a_justification_and_where_it_was_worked_in(client_as, member_a, closed,
                                                                          comment_for_a, measure_a):
    client = client_as(member_a)
    open_form(client, settle_url(comment_for_a), fields=["outcome", "justification", "worked_in_measure", "revision"])
    missing = client.post(settle_url(comment_for_a), {"outcome": "partly_accepted", "justification": "",
                                                      "revision": 1})
    assert "justification" in missing.context["form"].errors
    response = client.post(settle_url(comment_for_a), {
        "outcome": "partly_accepted", "justification": "Víkendový provoz doplníme od roku 2026.",
        "worked_in_measure": measure_a.pk, "revision": 1,
    })
    assert response.status_code == 302
    comment_for_a.refresh_from_db()
    assert comment_for_a.outcome == "partly_accepted"
    assert comment_for_a.settled_by == member_a
    assert comment_for_a.worked_in_measure == measure_a


def test_an_accepted_comment_needs_no_justification_and_templates_fill_the_answer(
    client_as, member_a, closed, comment_for_a,
):
    from planning.models import AnswerTemplate

    template = AnswerTemplate.objects.create(title="Mimo rozsah", outcome="explained",
                                             text="Připomínka se netýká sociálních služeb.")
    client = client_as(member_a)
    assert template.title in page_text(open_form(client, settle_url(comment_for_a), fields=["template"]))
    assert client.post(settle_url(comment_for_a), {"template": template.pk, "revision": 1}).status_code == 302
    comment_for_a.refresh_from_db()
    assert (comment_for_a.outcome, comment_for_a.justification) == ("explained", template.text)


def test_two_people_settling_at_once_do_not_overwrite_each_other(client_as, member_a, coordinator, closed,
                                                                 comment_for_a):
    open_form(client_as(member_a), settle_url(comment_for_a))  # both open the answer at revision 1
    open_form(client_as(coordinator), settle_url(comment_for_a))
    assert client_as(coordinator).post(settle_url(comment_for_a), {
        "outcome": "accepted", "justification": "", "revision": 1}).status_code == 302
    late = client_as(member_a).post(settle_url(comment_for_a), {
        "outcome": "rejected", "justification": "Nelze.", "revision": 1})
    assert late.status_code == 409
    assert "akceptováno" in page_text(late)  # what the coordinator answered, shown to the member
    assert Comment.objects.get(pk=comment_for_a.pk).outcome == "accepted"


def test_bulk_settling_touches_only_the_members_own_comments(client_as, member_a, submit_comment, group_b,
                                                             close_round, comment_for_a):
    other = submit_comment(text="Cizí skupina")
    other.group = group_b
    other.save()
    round_ = close_round()
    response = client_as(member_a).post(reverse("planning:bulk_settle", args=[round_.pk]), {
        "comments": [comment_for_a.pk, other.pk], "outcome": "duplicate", "justification": "Viz připomínka 1.",
    })
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment_for_a.pk).outcome == "duplicate"
    assert Comment.objects.get(pk=other.pk).outcome == ""


def test_the_coordinator_assigns_hides_and_redacts(client_as, coordinator, member_a, submit_comment, group_b,
                                                   comment_round):
    spam = submit_comment(text="Kupte levné hodinky")
    personal = submit_comment(text="Jmenuji se Jan a bydlím v Lipovci", email="jan@example.cz")
    client = client_as(coordinator)
    client.post(reverse("planning:assign_comments", args=[comment_round.pk]),
                {"comments": [personal.pk], "group": group_b.pk})
    assert Comment.objects.get(pk=personal.pk).group == group_b
    hide_url = reverse("planning:hide_comment", args=[spam.pk])
    assert spam.text in page_text(open_form(client, hide_url, fields=["reason"]))
    client.post(hide_url, {"reason": "Reklama"})
    spam.refresh_from_db()
    assert (spam.is_hidden, spam.hidden_reason) == (True, "Reklama")
    assert comment_round.progress() == (0, 1)  # hidden spam is not waiting for an answer
    redact_url = reverse("planning:redact_comment", args=[personal.pk])
    assert "jan@example.cz" in page_text(open_form(client, redact_url))
    client.post(redact_url)
    personal.refresh_from_db()
    assert (personal.email, personal.is_redacted) == ("", True)
    assert (personal.revision, personal.updated_by) == (3, coordinator)  # assigned, then redacted
    # members cannot moderate
    member = client_as(member_a)
    assert member.post(reverse("planning:hide_comment", args=[personal.pk]), {"reason": "x"}).status_code == 404
    assert member.post(reverse("planning:assign_comments", args=[comment_round.pk]),
                       {"comments": [personal.pk], "group": group_b.pk}).status_code == 404


def test_members_see_only_their_groups_comments_with_progress(client_as, member_a, member_b, closed,
                                                              comment_for_a):
    url = reverse("planning:round_comments", args=[closed.pk])
    assert comment_for_a.text in page_text(client_as(member_a).get(url))
    text_b = page_text(client_as(member_b).get(url))
    assert comment_for_a.text not in text_b
    with translation.override("cs"):  # their groups have none; the round has one
        assert translation.gettext("%(settled)s of %(total)s comments of your groups settled") % {
            "settled": 0, "total": 0} in text_b
        assert translation.gettext("%(settled)s of %(total)s in the whole round") % {
            "settled": 0, "total": 1} in text_b


class TestPublication:
    def publish(self, client_as, coordinator, round_):
        """Open the confirmation page and confirm, as the coordinator does."""
        client, url = client_as(coordinator), reverse("planning:publish_settlement", args=[round_.pk])
        open_form(client, url)
        return client.post(url, follow=True)

    def test_publication_waits_for_every_comment(self, client_as, coordinator, closed):
        client, url = client_as(coordinator), reverse("planning:publish_settlement", args=[closed.pk])
        assert "Ještě není vypořádáno 1 z 1 připomínek." in page_text(client.get(url))  # instead of the form
        response = client.post(url, follow=True)  # and sent without it, refused for the same reason
        assert "Ještě není vypořádáno 1 z 1 připomínek." in page_text(response)
        closed.refresh_from_db()
        assert not closed.settlement_is_published

    def test_publishing_tells_every_commenter_and_shows_the_public_table(
        self, client, client_as, coordinator, closed, comment_for_a, measure_a, django_capture_on_commit_callbacks,
        tasks,
    ):
        comment_for_a.settle(coordinator, "accepted", "Doplníme.", worked_in_measure=measure_a)
        table_url = reverse("planning:settlement_table", args=[closed.pk])
        assert client.get(table_url).status_code == 404  # not public before publication
        with django_capture_on_commit_callbacks(execute=True):
            self.publish(client_as, coordinator, closed)
        assert sorted(tasks.names) == ["render_pdf", "send_settlement_answers"]
        tasks.backend.results[:] = [r for r in tasks.backend.results if r.task.name != "render_pdf"]
        tasks.run_all()
        assert [message.to for message in mail.outbox] == [["jan@example.cz"]]
        assert "akceptováno" in mail.outbox[0].body
        assert Comment.objects.get(pk=comment_for_a.pk).notified_at is not None
        client.logout()
        text = page_text(client.get(table_url))
        assert "Jan Veřejný, Spolek" in text  # the name with consent
        assert "akceptováno" in text
        assert "Doplníme." in text
        assert f"opatření {measure_a.code}" in text

    def test_without_consent_the_table_shows_only_the_commenter_type(self, client, coordinator, submit_comment,
                                                                     close_round):
        comment = submit_comment(name="Tajná Osoba", commenter_type="provider")
        round_ = close_round()
        comment.settle(coordinator, "noted", "Bereme na vědomí.")
        round_.publish_settlement(coordinator)
        text = page_text(client.get(reverse("planning:settlement_table", args=[round_.pk])))
        assert "Tajná Osoba" not in text
        assert "poskytovatel služeb" in text

    def test_the_table_exports_as_csv_and_xlsx(self, client, coordinator, closed, comment_for_a):
        comment_for_a.settle(coordinator, "rejected", "Není v možnostech rozpočtu.")
        closed.publish_settlement(coordinator)
        csv_response = client.get(reverse("planning:settlement_csv", args=[closed.pk]))
        rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][0] == "Číslo"
        assert rows[1][0] == comment_for_a.reference
        assert rows[1][6] == "neakceptováno"
        xlsx = client.get(reverse("planning:settlement_xlsx", args=[closed.pk]))
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        assert sheet["A2"].value == comment_for_a.reference
        assert sheet["H2"].value == "Není v možnostech rozpočtu."

    def test_the_table_query_count_does_not_grow(self, client, coordinator, submit_comment, close_round,
                                                 measure_a):
        round_ = close_round()
        round_.publish_settlement(coordinator)

        def add(n):
            for _ in range(n):
                Comment.objects.create(round=round_, number=Comment.objects.count() + 1, text="x", name="y",
                                       measure=measure_a, worked_in_measure=measure_a, outcome="accepted",
                                       settled_by=coordinator)

        assert_queries_do_not_grow(lambda: client.get(reverse("planning:settlement_table", args=[round_.pk])), add)


def test_the_plan_cannot_be_approved_before_the_settlement_is_published(plan, coordinator, closed, comment_for_a):
    with pytest.raises(ValidationError) as refused:
        plan.transition("approve_by_steering", coordinator, **STEERING)
    assert "ještě není zveřejněno" in " ".join(refused.value.messages)


def test_a_measure_changed_because_of_a_comment_and_the_comment_link_each_other(
    client, plan, coordinator, closed, comment_for_a, measure_a,
):
    measure_a.description = "Doplněn víkendový provoz."
    measure_a.save()
    comment_for_a.settle(coordinator, "accepted", "", worked_in_measure=measure_a)
    closed.publish_settlement(coordinator)
    plan.transition("approve_by_steering", coordinator, **STEERING)
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.STEERING_APPROVED
    measure_page = client.get(measure_a.get_absolute_url()).content.decode()
    assert f"#pripominka-{comment_for_a.number}" in measure_page
    comparison = page_text(client.get(reverse("planning:version_compare", args=[plan.slug]), {"od": 1, "do": 2}))
    assert "Změněno na základě připomínek" in comparison
    assert comment_for_a.reference in comparison
    table = client.get(reverse("planning:settlement_table", args=[closed.pk])).content.decode()
    assert measure_a.get_absolute_url() in table


def test_the_staff_list_and_the_round_list_run_constant_queries(client, client_as, coordinator, comment_round,
                                                                  submit_comment, group_a, measure_a):
    def add(n):
        for _ in range(n):
            comment = submit_comment(measure=measure_a)
            comment.group = group_a
            comment.save()

    staff = client_as(coordinator)
    assert_queries_do_not_grow(lambda: staff.get(reverse("planning:round_comments", args=[comment_round.pk])), add)
    client.logout()

    def add_rounds(n):
        # The public list shows rounds, not comments: it is rounds that must not cost a query each.
        for number in range(n):
            CommentRound.objects.create(
                version=comment_round.version, title=f"Další kolo {number}",
                opens_at=comment_round.opens_at, closes_at=comment_round.closes_at,
            )

    assert_queries_do_not_grow(lambda: client.get(reverse("planning:comment_round_list")), add_rounds)


def test_the_unpublished_preview_shows_a_member_only_what_the_staff_page_shows(
    client_as, member_a, coordinator, closed, comment_for_a, submit_comment, group_b,
):
    """Before publication the settlement table is a preview for planning staff: a member sees the
    comments of their groups there, as on the staff page, and the coordinator sees all."""
    other = Comment.objects.create(round=closed, number=Comment.next_number(closed), text="Cizí připomínka skupiny B",
                                   name="Marie", group=group_b)
    table_url = reverse("planning:settlement_table", args=[closed.pk])
    member = client_as(member_a)
    staff_page = page_text(member.get(reverse("planning:round_comments", args=[closed.pk])))
    preview = page_text(member.get(table_url))
    for page in (staff_page, preview):
        assert comment_for_a.reference in page
        assert other.reference not in page
    csv_text = member.get(reverse("planning:settlement_csv", args=[closed.pk])).content.decode("utf-8-sig")
    assert "Cizí připomínka" not in csv_text
    assert comment_for_a.reference in csv_text
    assert "Cizí připomínka skupiny B" in page_text(client_as(coordinator).get(table_url))


class TestSteeringGroupReads:
    """The steering group approves the settlement: it reads every comment, and can do nothing else."""

    def test_it_sees_every_comment_without_checkboxes_or_buttons(self, client_as, steering_member, closed,
                                                                 comment_for_a, group_b):
        other = Comment.objects.create(round=closed, number=Comment.next_number(closed), text="Připomínka skupiny B",
                                       name="Marie", group=group_b)
        response = client_as(steering_member).get(reverse("planning:round_comments", args=[closed.pk]))
        text = page_text(response)
        assert comment_for_a.reference in text
        assert other.reference in text
        assert 'type="checkbox"' not in text
        assert reverse("planning:bulk_settle", args=[closed.pk]) not in text
        assert reverse("planning:comment_settle", args=[comment_for_a.pk]) not in text
        assert "Vypořádáno 0 z 2 připomínek" in text

    def test_its_preview_of_the_settlement_table_has_every_comment(self, client_as, steering_member, closed,
                                                                   comment_for_a):
        table = page_text(client_as(steering_member).get(reverse("planning:settlement_table", args=[closed.pk])))
        assert comment_for_a.reference in table

    def test_it_is_not_offered_to_add_to_the_strategy(self, client_as, steering_member, plan):
        client = client_as(steering_member)
        workspace = page_text(client.get(reverse("planning:workspace", args=[plan.slug])))
        assert "Přidat cíl" not in workspace
        assert client.get(reverse("planning:goal_create", args=[plan.slug])).status_code == 403


def test_a_refused_bulk_answer_keeps_the_selection_outcome_and_text(client_as, member_a, closed, comment_for_a):
    client = client_as(member_a)
    url = reverse("planning:round_comments", args=[closed.pk])
    assert 'name="comments"' in page_text(client.get(url))
    response = client.post(reverse("planning:bulk_settle", args=[closed.pk]), {
        "comments": [comment_for_a.pk], "outcome": "rejected", "justification": "",
    })
    assert response.status_code == 400
    assert response.context["bulk_form"].errors["justification"]
    text = page_text(response)
    assert f'value="{comment_for_a.pk}" id="c{comment_for_a.pk}" checked' in text
    assert '<option value="rejected" selected>' in text
    nothing = client.post(reverse("planning:bulk_settle", args=[closed.pk]), {
        "outcome": "noted", "justification": "Bereme na vědomí.",
    })
    assert nothing.status_code == 400
    assert "Vyberte připomínky k vypořádání" in page_text(nothing)
    assert "Bereme na vědomí." in page_text(nothing)
    comment_for_a.refresh_from_db()
    assert not comment_for_a.is_settled


class TestConfirmations:
    """Publishing a settlement and removing personal data cannot be undone: both ask first."""

    def test_publishing_asks_first(self, client_as, coordinator, closed, comment_for_a):
        comment_for_a.settle(coordinator, "accepted", "")
        client = client_as(coordinator)
        url = reverse("planning:publish_settlement", args=[closed.pk])
        staff_page = page_text(client.get(reverse("planning:round_comments", args=[closed.pk])))
        assert f'href="{url}"' in staff_page
        question = page_text(client.get(url))
        assert "Tento krok nelze vrátit." in question
        assert "počet e-mailů: 1" in question
        closed.refresh_from_db()
        assert not closed.settlement_is_published  # asking changed nothing
        assert client.post(url).status_code == 302
        closed.refresh_from_db()
        assert closed.settlement_is_published

    def test_a_round_not_ready_says_why_instead_of_asking(self, client_as, coordinator, closed, comment_for_a):
        text = page_text(client_as(coordinator).get(reverse("planning:publish_settlement", args=[closed.pk])))
        assert "Ještě není vypořádáno 1 z 1 připomínek." in text
        assert "<button" not in text.split("<main", 1)[1].split("</main>")[0]

    def test_removing_personal_data_asks_first(self, client_as, coordinator, closed, comment_for_a):
        client = client_as(coordinator)
        url = reverse("planning:redact_comment", args=[comment_for_a.pk])
        question = page_text(client.get(url))
        assert "jan@example.cz" in question
        assert "Tento krok nelze vrátit." in question
        comment_for_a.refresh_from_db()
        assert not comment_for_a.is_redacted
        assert client.post(url).status_code == 302
        comment_for_a.refresh_from_db()
        assert comment_for_a.is_redacted
        assert comment_for_a.email == ""


class TestProgressOfWhatOneSees:
    """A member sees only their groups' comments: the progress they are shown is of those."""

    @pytest.fixture
    def shared(self, submit_comment, close_round, group_a, group_b, coordinator):
        theirs = submit_comment(text="Pro skupinu A.")
        others = submit_comment(text="Pro skupinu B.")
        Comment.objects.filter(pk=theirs.pk).update(group=group_a)
        Comment.objects.filter(pk=others.pk).update(group=group_b)
        round_ = close_round()
        Comment.objects.get(pk=others.pk).settle(coordinator, "accepted", "")
        return round_

    def test_the_staff_page_shows_a_member_the_progress_of_their_groups(self, client_as, member_a, coordinator,
                                                                      shared):
        url = reverse("planning:round_comments", args=[shared.pk])
        text = page_text(client_as(member_a).get(url))
        with translation.override("cs"):
            mine = translation.gettext("%(settled)s of %(total)s comments of your groups settled")
            whole = translation.gettext("%(settled)s of %(total)s in the whole round")
        assert mine % {"settled": 0, "total": 1} in text
        assert whole % {"settled": 1, "total": 2} in text
        assert "Vypořádáno 1 z 2 připomínek" not in text
        assert "Vypořádáno 1 z 2 připomínek" in page_text(client_as(coordinator).get(url))

    def test_a_members_preview_of_the_table_counts_its_own_rows(self, client_as, member_a, shared):
        text = page_text(client_as(member_a).get(reverse("planning:settlement_table", args=[shared.pk])))
        assert "Vypořádáno 0 z 1 připomínek" in text
