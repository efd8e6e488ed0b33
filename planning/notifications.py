"""E-mails to commenters, as background tasks: views enqueue them after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from kpss.country import in_site_language
from kpss.models import SiteSettings
from planning.models import Comment


def _send(comment, subject, template):
    site = SiteSettings.get_solo()
    settlement_url = settings.SITE_URL + reverse("planning:settlement_table", args=[comment.round_id])
    body = render_to_string(template, {"comment": comment, "round": comment.round, "site": site,
                                       "settlement_url": settlement_url})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [comment.email], fail_silently=False)


@task()
@in_site_language
def send_comment_confirmation(comment_pk):
    comment = Comment.objects.select_related("round__plan", "measure", "chapter").get(pk=comment_pk)
    if comment.email:
        _send(comment, _("Your comment %(reference)s was received") % {"reference": comment.reference},
              "planning/email/comment_received.txt")


@task()
@in_site_language
def send_settlement_answers(comment_pks):
    """Tell each commenter with an e-mail how their comment was settled; remember who was told."""
    comments = Comment.objects.filter(pk__in=comment_pks, notified_at=None).exclude(email="").select_related(
        "round__plan", "measure", "chapter", "worked_in_measure", "worked_in_chapter",
    )
    for comment in comments:
        _send(comment, _("Answer to your comment %(reference)s") % {"reference": comment.reference},
              "planning/email/comment_settled.txt")
        Comment.objects.filter(pk=comment.pk).update(notified_at=timezone.now())
