"""The public comments on a draft: anyone, no account, with spam protection and nothing half-saved."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from planning.models import Comment
from tests.helpers import page_text


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0


def round_url(comment_round):
    return reverse("planning:comment_round_detail", args=[comment_round.pk])


def form_data(client, comment_round, **fields):
    """What a visitor sends: the form's own hidden fields plus what they typed."""
    form = client.get(round_url(comment_round)).context["form"]
    return {"started": form["started"].value(), "website": "", "part": "", "text": "Chybí odlehčovací služba.",
            "proposed_wording": "", "name": "Jan Veřejný", "organisation": "", "commenter_type": "public",
            "email": "", **fields}


def test_anyone_comments_on_a_measure_and_gets_a_reference_and_an_email(
    client, comment_round, measure_a, django_capture_on_commit_callbacks, tasks,
):
    data = form_data(client, comment_round, part=f"opatreni-{measure_a.pk}", email="jan@example.cz",
                     proposed_wording="Doplnit víkendový provoz.", publish_name="on")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(round_url(comment_round), data, follow=True)
    comment = Comment.objects.get()
    assert comment.measure == measure_a
    assert comment.reference == f"{comment_round.pk}/001"
    assert comment.ip_hash
    assert f"pod číslem {comment.reference}" in page_text(response)
    assert mail.outbox == []  # the e-mail is a background task, not part of the request
    assert tasks.names == ["send_comment_confirmation"]
    tasks.run_all()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jan@example.cz"]
    assert comment.reference in mail.outbox[0].subject
    assert "Doplnit víkendový provoz." not in mail.outbox[0].body  # the text, not the wording, is quoted
    assert "Chybí odlehčovací služba." in mail.outbox[0].body


def test_comments_are_numbered_within_their_round(client, comment_round, submit_comment):
    submit_comment()
    submit_comment()
    assert list(Comment.objects.values_list("number", flat=True)) == [1, 2]


def test_the_form_shows_the_gdpr_notice_and_the_parts_of_the_plan(client, comment_round, measure_a):
    text = page_text(client.get(round_url(comment_round)))
    assert "Jak nakládáme s vašimi osobními údaji" in text
    assert "čl. 6 odst. 1 písm. e) GDPR" in text
    assert f"{measure_a.code} {measure_a.title}" in text


def test_a_comment_after_the_deadline_is_refused_and_keeps_the_text(client, comment_round):
    data = form_data(client, comment_round, text="Moje pozdní připomínka")
    comment_round.closes_at = timezone.now() - timedelta(seconds=1)
    comment_round.save()
    response = client.post(round_url(comment_round), data)
    assert response.status_code == 400
    text = page_text(response)
    assert "Připomínkování skončilo" in text
    assert not Comment.objects.exists()


def test_bad_input_is_explained_next_to_the_field_and_nothing_typed_is_lost(client, comment_round):
    response = client.post(round_url(comment_round), form_data(client, comment_round, text="",
                                                                name="Jana", email="neplatny-email"))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"text", "email"}
    assert 'value="Jana"' in response.content.decode()
    assert not Comment.objects.exists()


def test_the_honeypot_refuses_robots_and_says_why(client, comment_round):
    response = client.post(round_url(comment_round), form_data(client, comment_round, website="http://spam"))
    assert response.status_code == 400
    assert "pole, které má zůstat prázdné" in page_text(response)
    assert not Comment.objects.exists()


def test_a_form_sent_too_quickly_is_refused_and_can_be_sent_again(client, comment_round, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 60
    response = client.post(round_url(comment_round), form_data(client, comment_round, text="Rychlá připomínka"))
    assert response.status_code == 400
    assert "příliš rychle" in page_text(response)
    assert "Rychlá připomínka" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_forged_start_time_is_refused(client, comment_round):
    response = client.post(round_url(comment_round), form_data(client, comment_round, started="1700000000"))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_form_serves_one_comment_and_a_replay_keeps_the_text_with_a_fresh_token(
    client, comment_round, django_capture_on_commit_callbacks, tasks,
):
    data = form_data(client, comment_round, email="jan@example.cz")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(round_url(comment_round), data).status_code == 302
        replay = client.post(round_url(comment_round), {**data, "text": "Tatáž připomínka ještě jednou"})
    assert replay.status_code == 400
    form = replay.context["form"]
    assert [error.code for error in form.errors.as_data()["__all__"]] == ["used"]
    # Czech once the catalogue has this message ("Tento formulář už byl odeslán…").
    assert form.non_field_errors()[0] in page_text(replay)
    assert "Tatáž připomínka ještě jednou" in replay.content.decode()
    assert Comment.objects.count() == 1
    assert tasks.names == ["send_comment_confirmation"]  # one confirmation, for the one comment
    fresh = form["started"].value()
    assert fresh != data["started"]
    assert client.post(round_url(comment_round), {**data, "started": fresh}).status_code == 302
    assert Comment.objects.count() == 2


def test_a_comment_refused_after_validation_does_not_use_up_its_token(client, comment_round, monkeypatch, settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 1
    data = form_data(client, comment_round)

    def broken_log(*args, **kwargs):
        raise RuntimeError("the log is down")

    from planning.models import comments as module

    with monkeypatch.context() as patched:
        patched.setattr(module, "log_action", broken_log)
        with pytest.raises(RuntimeError):
            client.post(round_url(comment_round), data)
    assert not Comment.objects.exists()
    # The token, the comment and the count of the address's submissions went back together.
    assert client.post(round_url(comment_round), data).status_code == 302


def test_too_many_comments_from_one_address_are_refused(client, comment_round, settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 2
    for _ in range(2):
        assert client.post(round_url(comment_round), form_data(client, comment_round)).status_code == 302
    response = client.post(round_url(comment_round), form_data(client, comment_round, text="Třetí"))
    assert response.status_code == 429
    assert "příliš mnoho připomínek" in page_text(response)
    assert Comment.objects.count() == 2
    other_address = client.post(round_url(comment_round), form_data(client, comment_round),
                                REMOTE_ADDR="198.51.100.7")
    assert other_address.status_code == 302


def test_a_failure_while_filing_leaves_nothing_half_saved(comment_round, submit_comment, monkeypatch):
    from planning.models import comments as module

    def broken_log(*args, **kwargs):
        raise RuntimeError("the log is down")

    monkeypatch.setattr(module, "log_action", broken_log)
    with pytest.raises(RuntimeError):
        submit_comment()
    assert not Comment.objects.exists()


def test_rounds_open_and_close_by_the_clock(client, comment_round):
    comment_round.opens_at = timezone.now() + timedelta(days=1)
    comment_round.save()
    assert client.get(round_url(comment_round)).status_code == 404  # not yet announced
    assert comment_round.title not in page_text(client.get(reverse("planning:comment_round_list")))


def test_open_rounds_are_listed_with_their_deadline_on_the_list_and_home_page(client, comment_round):
    deadline = timezone.localtime(comment_round.closes_at)
    for url in (reverse("planning:comment_round_list"), reverse("home")):
        text = page_text(client.get(url))
        assert comment_round.title in text
        assert f"{deadline.day}. {deadline.month}. {deadline.year}" in text


def test_the_plan_and_measure_pages_invite_comments_while_a_round_is_open(client, comment_round, measure_a):
    plan_page = page_text(client.get(comment_round.plan.get_absolute_url()))
    assert "Připomínkovat návrh" in plan_page
    measure_page = client.get(measure_a.get_absolute_url()).content.decode()
    assert f"{comment_round.get_absolute_url()}?opatreni={measure_a.pk}" in measure_page
    preselected = client.get(f"{round_url(comment_round)}?opatreni={measure_a.pk}").context["form"]
    assert preselected["part"].value() == f"opatreni-{measure_a.pk}"


def test_an_overlong_comment_is_refused_next_to_the_field_and_kept(client, comment_round):
    url = comment_round.get_absolute_url()
    page = client.get(url).content.decode()
    assert 'name="text"' in page
    assert "maxlength" not in page.split('name="text"')[1].split(">")[0]  # the browser would cut a paste short
    text = "Dlouhá připomínka." * 600  # 10,800 characters
    form = client.get(url).context["form"]
    response = client.post(url, {"text": text, "name": "Jan Veřejný", "commenter_type": "public",
                                 "started": form.initial["started"]})
    assert response.status_code == 400
    assert "nejvýše 10000 znaků (nyní má 10800)" in response.context["form"].errors["text"][0]
    assert response.context["form"]["text"].value() == text
    assert not comment_round.comments.exists()
