"""What a frozen version of minutes holds: the meeting, who came, the minutes' text per agenda item,
the resolutions with their numbers and the tasks, as plain JSON with names rather than keys.

The public meeting page and the minutes' PDF render approved minutes from this snapshot alone, so
they read the same after members leave, groups are renamed or a task's status changes later.
Names of people are kept with whether they may be published (a member's consent); the public
pages show the others only as counts.
"""

from django.utils import timezone


def _iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def minutes_snapshot(minutes):
    """The minutes of a meeting as they are now, ready for JSON (a constant number of queries)."""
    meeting = minutes.meeting
    group = meeting.group
    # Reached through the meeting rather than imported: the models freeze versions with this function.
    consenting = set(group.memberships.filter(publish_name=True).values_list("person_id", flat=True))
    invitations = list(meeting.invitations.select_related("person"))
    Invitation = meeting.invitations.model  # noqa: N806  the class, for its attendance constants
    return {
        "group": {"name": group.name, "abbreviation": group.abbreviation, "kind": group.kind},
        "meeting": {
            "title": str(meeting), "number": meeting.number, "kind": meeting.kind,
            "starts_at": _iso(meeting.starts_at), "ends_at": _iso(meeting.ends_at),
            "place": meeting.place, "online_url": meeting.online_url, "topic": meeting.topic,
            "lecturer": meeting.lecturer, "hours": str(meeting.hours) if meeting.hours is not None else None,
        },
        "attendance": {
            "people": [
                {"name": invitation.person.name, "organisation": invitation.person.organisation,
                 "attendance": invitation.attendance, "guest": invitation.is_guest,
                 "public": invitation.person_id in consenting}
                for invitation in invitations
            ],
            "present": sum(1 for invitation in invitations if invitation.attendance == Invitation.PRESENT),
            "excused": sum(1 for invitation in invitations if invitation.attendance == Invitation.EXCUSED),
            "absent": sum(1 for invitation in invitations if invitation.attendance == Invitation.ABSENT),
            "other_participants": meeting.guests_count,
        },
        "introduction": minutes.introduction,
        "agenda": [{"title": item.title, "record": item.record} for item in meeting.agenda.all()],
        "resolutions": [
            {"reference": resolution.reference, "text": resolution.text, "votes_for": resolution.votes_for,
             "votes_against": resolution.votes_against, "votes_abstained": resolution.votes_abstained,
             "measure": f"{resolution.measure.code} {resolution.measure.title}" if resolution.measure_id else ""}
            for resolution in meeting.resolutions.select_related("group", "measure").order_by("number", "position")
        ],
        "tasks": [
            {"title": task.title, "description": task.description,
             "responsible": task.responsible.name if task.responsible_id else "",
             "due_on": task.due_on.isoformat() if task.due_on else None,
             "measure": f"{task.measure.code} {task.measure.title}" if task.measure_id else ""}
            for task in meeting.tasks.select_related("responsible", "measure").order_by("due_on", "pk")
        ],
        "attachments": [
            {"title": attachment.title, "id": attachment.pk} for attachment in minutes.attachments.all()
        ],
    }
