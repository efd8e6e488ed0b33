"""The groups' models: groups and people (groups.py), meetings and what comes of them
(meetings.py), and the funder's meeting targets (targets.py)."""

from groups.models.groups import Group, Membership, Person
from groups.models.meetings import (
    AgendaItem,
    Invitation,
    Meeting,
    Minutes,
    MinutesAttachment,
    MinutesVersion,
    Resolution,
    Task,
)
from groups.models.targets import KeyActivity, MeetingTarget

__all__ = [
    "AgendaItem", "Group", "Invitation", "KeyActivity", "Meeting", "MeetingTarget", "Membership", "Minutes",
    "MinutesAttachment", "MinutesVersion", "Person", "Resolution", "Task",
]
