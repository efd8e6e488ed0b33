"""Remove the personal data of commenters and suggesters once it is no longer needed.

GDPR art. 5(1)(e) (storage limitation) lets us keep a name, organisation, e-mail and the hash of
an IP address only as long as the purpose needs them: to answer a comment or a suggestion and to
account for the settlement. The public forms promise removal PERSONAL_DATA_RETENTION_DAYS after a
comment round closes, and after a suggestion is dealt with (or, when it is still open, after it
was received). Run this daily from cron.

The texts, the settlement and the resolution stay: they are the public record of the plan. The
name becomes "(removed)" as when the coordinator redacts a comment by hand; `anonymised_at` marks
the rows done, so running the command again changes nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, override

from kpss import country
from kpss.submissions import PublicSubmission
from planning.models import Comment, Suggestion


def expired_comments(cutoff):
    return Comment.objects.filter(anonymised_at=None, round__closes_at__lt=cutoff)


def expired_suggestions(cutoff):
    """Suggestions dealt with before the cutoff, and those received before it that are still open."""
    dealt_with = Q(status__in=[Suggestion.Status.RESOLVED, Suggestion.Status.REJECTED])
    return Suggestion.objects.filter(anonymised_at=None).filter(
        Q(dealt_with, resolved_at__lt=cutoff)
        | Q(dealt_with, resolved_at=None, received_at__lt=cutoff)
        | Q(~dealt_with, received_at__lt=cutoff),
    )


class Command(BaseCommand):
    help = "Remove names, organisations, e-mails and IP hashes kept longer than PERSONAL_DATA_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="Keep personal data this many days instead of PERSONAL_DATA_RETENTION_DAYS.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be removed, change nothing.")

    def handle(self, *args, days, dry_run, **options):
        days = settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        now = timezone.now()
        cutoff = now - timedelta(days=days)
        comments, suggestions = expired_comments(cutoff), expired_suggestions(cutoff)
        if dry_run:
            self.stdout.write(f"Would anonymise {comments.count()} comments and {suggestions.count()} suggestions "
                              f"(personal data older than {days} days). --dry-run: nothing was changed.")
            return
        # The placeholder is stored, so it is in the portal's language, not the shell's.
        with override(country.language()):
            removed = gettext("(removed)")
        personal_data = PublicSubmission.removed_personal_data(removed, now)
        with transaction.atomic():
            # As Comment.redact does: the revision moves on, so an edit started before this one is refused.
            comment_count = comments.update(**personal_data, is_redacted=True, revision=F("revision") + 1,
                                            updated_at=now)
            suggestion_count = suggestions.update(**personal_data)
        self.stdout.write(self.style.SUCCESS(
            f"Anonymised {comment_count} comments and {suggestion_count} suggestions "
            f"(personal data older than {days} days).",
        ))
