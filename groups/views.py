from django.db.models import Count
from django.shortcuts import render

from groups.models import Group
from kpss.permissions import public


@public
def group_list(request):
    groups = Group.objects.active().annotate(member_count=Count("memberships"))
    return render(request, "groups/group_list.html", {"groups": groups})
