"""The task tracker: the open tasks of the groups a user reads, overdue first, and status changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, F, Q, Value, When
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.access import (
    get_task_for_status_change,
    group_staff_required,
    groups_for_staff,
    may_change_task,
    recording_group_ids,
    tasks_for,
)
from groups.filters import TaskFilter
from groups.forms import TaskStatusForm
from groups.models import Task
from kpss.actionlog import ActionLog
from kpss.tracking import StaleEdit

TASKS_PER_PAGE = 50


@group_staff_required
def task_list(request):
    """Tasks of the user's groups (all groups for the coordinator and the steering group), overdue first."""
    today = timezone.localdate()
    filters = TaskFilter(request.GET or None, groups=groups_for_staff(request.user).order_by("order", "name"))
    overdue = Q(status__in=Task.OPEN_STATUSES, due_on__lt=today)
    tasks = filters.filter(tasks_for(request.user)).select_related(
        "group", "meeting__group", "resolution__group", "responsible", "measure__plan",
    ).annotate(
        overdue=Case(When(overdue, then=Value(True)), default=Value(False), output_field=BooleanField()),
    ).order_by("-overdue", F("due_on").asc(nulls_last=True), "pk")
    page = Paginator(tasks, TASKS_PER_PAGE).get_page(request.GET.get("strana"))
    recording = recording_group_ids(request.user)
    for task in page:
        task.changeable = may_change_task(request.user, task, recording)
    query = request.GET.copy()
    query.pop("strana", None)
    return render(request, "groups/tracker/task_list.html", {
        "filters": filters, "tasks": page, "page": page, "query": query.urlencode(), "today": today,
    })


@group_staff_required
def task_status(request, pk):
    """Change a task's status, with a note; the page shows the task's history of changes."""
    task = get_task_for_status_change(request.user, pk)
    form = TaskStatusForm(request.POST if request.method == "POST" else None,
                          initial={"status": task.status, "revision": task.revision})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            task.change_status(request.user, form.cleaned_data["status"], form.cleaned_data["note"],
                               expected_revision=form.cleaned_data["revision"])
        except StaleEdit as stale:
            conflict = stale.conflict
            data = form.data.copy()
            data["revision"] = conflict.current_revision
            form = TaskStatusForm(data)
            form.is_valid()
        except ValidationError as error:
            form.add_error(None, error)  # next to the status when the error names it
        else:
            messages.success(request, _("The task “%(task)s” is now “%(status)s”.") % {
                "task": task.title, "status": task.get_status_display(),
            })
            return redirect("groups:task_list")
    history = ActionLog.objects.for_object(task).filter(action="task.status")
    status = 409 if conflict else 400 if request.method == "POST" else 200
    return render(request, "groups/tracker/task_status.html", {
        "task": task, "form": form, "conflict": conflict, "history": history,
        "statuses": dict(Task.Status.choices),
    }, status=status)
