from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from groups.models import Group
from kpss.history import history_page
from kpss.permissions import coordinator_required, public


@public
def group_list(request):
    groups = Group.objects.active().annotate(member_count=Count("memberships"))
    return render(request, "groups/group_list.html", {"groups": groups})


@coordinator_required
def group_history(request, pk):
    """Everything the group's members wrote and settled, and what was done to the group, newest first."""
    group = get_object_or_404(Group, pk=pk)
    return history_page(request, group, _("History of the group %(group)s") % {"group": group.name},
                        back_url=reverse("admin:groups_group_change", args=[group.pk]), back_label=group.name)
