"""The e-mails a commenter gets read as a Czech office writes them.

They name the draft by its plan (a round's title is "Připomínky k návrhu …", so "your comment on
„Připomínky k návrhu …“" said nothing), greet and sign off, say where an accepted comment was worked
in ("opatření 1.1.1 …", not a bare code) and when the round closes, to the minute.
"""

from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from planning.notifications import send_comment_confirmation, send_settlement_answers


def czech(text):
    with translation.override("cs"):
        return translation.gettext(text)


def body_of(task, *args):
    mail.outbox.clear()
    task.call(*args)
    [message] = mail.outbox
    return message.body


def test_the_confirmation_names_the_draft_and_says_when_comments_close(submit_comment, comment_round, plan, town):
    comment = submit_comment(email="jan@example.cz")
    body = body_of(send_comment_confirmation, comment.pk)
    assert body.startswith(czech("Hello,"))
    assert plan.title in body
    assert comment_round.title not in body
    with translation.override("cs"):
        closes = date_format(timezone.localtime(comment_round.closes_at), "DATETIME_FORMAT")
    assert closes in body
    assert ":" in closes.split()[-1]  # with the time of day
    assert f"{czech('Part of the document')}: celý dokument" in body
    assert f"{czech('Kind regards')}\nMgr. Jana Nováková\nMěsto Lipovec\nkpss@lipovec.example" in body


def test_the_answer_says_where_the_comment_was_worked_in(submit_comment, comment_round, plan, measure_a, coordinator,
                                                        town):
    comment = submit_comment(email="jan@example.cz", measure=measure_a)
    comment.outcome, comment.worked_in_measure = "accepted", measure_a
    comment.save()
    body = body_of(send_settlement_answers, [comment.pk])
    assert plan.title in body
    assert comment_round.title not in body
    assert f"{czech('Outcome of the settlement')}: akceptováno" in body
    assert f"Zapracováno do: opatření {measure_a.code} {measure_a.title}" in body
