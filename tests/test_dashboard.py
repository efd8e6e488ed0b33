"""The staff landing page (/sprava/): what waits for the coordinator and for a member."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from kpss.models import PdfDocument
from planning.models import Comment, Plan
from tests.factories import PASSWORD
from tests.helpers import assert_queries_do_not_grow, page_text, visible_text

URL = "/sprava/"


def test_signing_in_lands_staff_on_what_waits_and_others_at_home(client, member_a, staff_without_role):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": member_a.username, "password": PASSWORD})
    assert response["Location"] == URL
    client.logout()
    response = client.post(reverse("login"), {"username": staff_without_role.username, "password": PASSWORD})
    assert response["Location"] == "/"


def test_the_main_navigation_offers_administration_to_planning_staff_only(client, client_as, member_a,
                                                                            staff_without_role):
    link = f'<a class="nav-link" href="{URL}"'
    assert link not in client.get("/").content.decode()
    assert link in client_as(member_a).get("/").content.decode()
    assert link not in client_as(staff_without_role).get("/").content.decode()


def test_the_coordinator_sees_comments_to_assign_settlements_to_publish_and_next_steps(
    client_as, coordinator, plan, close_round, submit_comment,
):
    unassigned = submit_comment(text="Nikdo ji zatím neřeší.")
    text = visible_text(client_as(coordinator).get(URL))
    assert "1 připomínka bez skupiny" in text
    assert f"{plan.title} – otevřeno připomínkám; dále: Ukončit připomínkování" in text
    round_ = close_round()
    unassigned.settle(coordinator, "noted", "Bereme na vědomí.")
    text = page_text(client_as(coordinator).get(URL))
    assert "Každá připomínka má svou skupinu." not in text  # it is still without a group
    assert reverse("planning:publish_settlement", args=[round_.pk]) in text
    assert "Vypořádáno 1 z 1 připomínek" in text


def test_the_coordinator_sees_failed_pdfs_and_locked_out_sign_ins(client_as, coordinator, plan, settings):
    from axes.models import AccessAttempt
    from django.contrib.contenttypes.models import ContentType

    version = plan.transition("open_for_comments", coordinator)
    PdfDocument.objects.create(content_type=ContentType.objects.get_for_model(version), object_id=version.pk,
                               layout="plan_version", status=PdfDocument.Status.FAILED, error="ValueError: rozbité")
    AccessAttempt.objects.create(username="clen-zapomnel", ip_address="192.0.2.7", failures_since_start=5,
                                 attempt_time=timezone.now(), user_agent="", path_info="/prihlaseni/",
                                 get_data="", post_data="", http_accept="")
    text = page_text(client_as(coordinator).get(URL))
    assert "ValueError: rozbité" in text
    assert "clen-zapomnel (192.0.2.7)" in text


def test_a_member_sees_their_groups_and_the_comments_waiting_for_them(
    client_as, member_a, group_a, group_b, close_round, submit_comment, measure_a,
):
    mine = submit_comment(text="Pro skupinu A.")
    theirs = submit_comment(text="Pro skupinu B.")
    Comment.objects.filter(pk=mine.pk).update(group=group_a)
    Comment.objects.filter(pk=theirs.pk).update(group=group_b)
    close_round()
    response = client_as(member_a).get(URL)
    text = page_text(response)
    assert group_a.name in text
    assert reverse("planning:comment_settle", args=[mine.pk]) in text
    assert reverse("planning:comment_settle", args=[theirs.pk]) not in text
    assert "1 opatření vašich skupin" in text  # the plan is being settled: its measures are being written
    assert "Co na vás čeká" in text
    assert "Připomínky k přidělení skupině" not in text  # the coordinator's lists are not theirs


def test_the_page_runs_constant_queries(client_as, coordinator, member_a, group_a, plan, close_round,
                                        submit_comment):
    client_as(coordinator)

    def add(n):
        for _ in range(n):
            comment = submit_comment()
            Comment.objects.filter(pk=comment.pk).update(group=group_a)
        Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.COMMENTS)

    client = client_as(coordinator)
    assert_queries_do_not_grow(lambda: client.get(URL), add)
    member = client_as(member_a)
    assert_queries_do_not_grow(lambda: member.get(URL), add)


def test_someone_without_a_role_is_not_let_in(client_as, staff_without_role):
    assert client_as(staff_without_role).get(URL).status_code == 404


def test_an_old_round_still_open_is_listed_for_members(client_as, member_a, comment_round):
    comment_round.closes_at = timezone.now() + timedelta(days=3)
    comment_round.save()
    assert comment_round.title in page_text(client_as(member_a).get(URL))
