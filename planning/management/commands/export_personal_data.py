"""Print everything the portal holds about one e-mail address, for a data subject's request.

GDPR art. 15 gives people the right to a copy of their personal data (and art. 20 to get it in a
machine-readable form). Commenters and suggesters have no account, so their e-mail address is what
ties their data together; group members also have a user account with memberships. The
coordinator runs this, checks the output and sends it to the person:

    manage.py export_personal_data jana@example.cz --output jana.json
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db.models import Prefetch
from django.utils import timezone

from groups.models import Invitation, Membership, Person
from kpss.models import User
from planning.models import Comment, Suggestion


def _iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def _comment(comment):
    return {
        "round": comment.round.title,
        "reference": comment.reference,
        "received_at": _iso(comment.received_at),
        "name": comment.name,
        "organisation": comment.organisation,
        "commenter_type": comment.get_commenter_type_display(),
        "text": comment.text,
        "proposed_wording": comment.proposed_wording,
        "outcome": comment.get_outcome_display(),
        "justification": comment.justification,
        "name_published": comment.publish_name,
        "personal_data_removed_at": _iso(comment.anonymised_at),
    }


def _suggestion(suggestion):
    return {
        "number": suggestion.number,
        "received_at": _iso(suggestion.received_at),
        "name": suggestion.name,
        "organisation": suggestion.organisation,
        "commenter_type": suggestion.get_commenter_type_display(),
        "text": suggestion.text,
        "status": suggestion.get_status_display(),
        "resolution": suggestion.resolution,
        "name_published": suggestion.publish_name,
        "personal_data_removed_at": _iso(suggestion.anonymised_at),
    }


def _user(user):
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "roles": [group.name for group in user.groups.all()],
        "memberships": [{
            "group": membership.group.name,
            "position": membership.get_position_display(),
            "triad_role": membership.get_triad_role_display(),
            "organisation": membership.organisation,
            "name_published": membership.publish_name,
        } for membership in (user.person.memberships.all() if hasattr(user, "person") else [])],
    }


def _person(person):
    """Someone in a group, with or without an account (many service users never sign in)."""
    return {
        "name": person.name,
        "organisation": person.organisation,
        "email": person.email,
        "phone": person.phone,
        "memberships": [{
            "group": membership.group.name,
            "position": membership.get_position_display(),
            "from": membership.starts_on.isoformat() if membership.starts_on else None,
            "to": membership.ends_on.isoformat() if membership.ends_on else None,
            "name_published": membership.publish_name,
        } for membership in person.memberships.all()],
        "meetings_attended": [
            {"meeting": str(invitation.meeting), "attendance": invitation.get_attendance_display()}
            for invitation in person.invitations.all()
        ],
    }


def personal_data(email):
    """What is held about `email` (in any letter case), as data ready for JSON."""
    comments = Comment.objects.filter(email__iexact=email).select_related("round").order_by("received_at", "pk")
    suggestions = Suggestion.objects.filter(email__iexact=email).order_by("number")
    users = User.objects.filter(email__iexact=email).order_by("pk").prefetch_related(
        "groups", Prefetch("person__memberships", Membership.objects.select_related("group")),
    )
    people = Person.objects.filter(email__iexact=email).order_by("pk").prefetch_related(
        Prefetch("memberships", Membership.objects.select_related("group")),
        Prefetch("invitations", Invitation.objects.select_related("meeting__group")),
    )
    return {
        "email": email,
        "exported_at": _iso(timezone.now()),
        "comments": [_comment(comment) for comment in comments],
        "suggestions": [_suggestion(suggestion) for suggestion in suggestions],
        "user_accounts": [_user(user) for user in users],
        "people_in_groups": [_person(person) for person in people],
    }


class Command(BaseCommand):
    help = "Print as JSON all personal data held about an e-mail address (comments, suggestions, user account)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The e-mail address; letter case does not matter.")
        parser.add_argument("--output", type=Path, help="Write the JSON to this file instead of printing it.")

    def handle(self, *args, email, output, **options):
        data = personal_data(email.strip())
        text = json.dumps(data, ensure_ascii=False, indent=2)
        found = len(data["comments"]) + len(data["suggestions"]) + len(data["user_accounts"])
        if not found:
            self.stderr.write(f"Nothing is held about {email}.")
        if output:
            output.write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"Written to {output}: {len(data['comments'])} comments, "
                              f"{len(data['suggestions'])} suggestions, {len(data['user_accounts'])} user accounts.")
        else:
            self.stdout.write(text)
