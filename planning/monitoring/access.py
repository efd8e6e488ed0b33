"""Who reaches which evaluation round and which measure's evaluation.

- the coordinator and the steering group read every round and every group's evaluations;
- a working-group member reads the rounds of plans with measures of their groups, and evaluates
  only the measures of their own groups, until the year is locked;
- a locked year is corrected by the coordinator only, with a reason (on the form or by a spreadsheet).

Outsiders get 404 (a 403 would tell them the object exists); a member of the right group gets 403
when the year is locked.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from groups.access import member_groups, reads_all_groups
from groups.models import Group
from planning.access import is_planning_staff
from planning.models import EvaluationRound
from planning.monitoring.rollup import measures_of_year


def rounds_for(user):
    if not is_planning_staff(user):
        return EvaluationRound.objects.none()
    if reads_all_groups(user):
        return EvaluationRound.objects.all()
    return EvaluationRound.objects.filter(plan__measures__group__in=member_groups(user)).distinct()


def get_round_for_staff(user, pk):
    return get_object_or_404(rounds_for(user).select_related("plan", "locked_by"), pk=pk)


def evaluating_groups(user):
    """The working groups whose measures `user` evaluates: all for the coordinator, their own for a
    member (the steering group reads, it does not evaluate)."""
    if user.is_coordinator:
        return Group.objects.all()
    return member_groups(user).filter(kind=Group.Kind.WORKING)


def visible_measures(user, evaluation_round):
    """The measures of the round's year whose evaluations `user` reads."""
    measures = measures_of_year(evaluation_round.plan, evaluation_round.year)
    return measures if reads_all_groups(user) else measures.filter(group__in=member_groups(user))


def get_measure_for_evaluation(user, evaluation_round, pk):
    """The measure `pk` of the round's year if `user` evaluates it now: 404 for a measure of another
    group, 403 for a member when the year is locked (the coordinator corrects it)."""
    measures = measures_of_year(evaluation_round.plan, evaluation_round.year).filter(
        group__in=evaluating_groups(user)).prefetch_related("indicators", "activities")
    measure = get_object_or_404(measures, pk=pk)
    if evaluation_round.is_locked and not user.is_coordinator:
        raise PermissionDenied("The year is locked; the coordinator corrects it.")
    return measure


def evaluable_measures(user, evaluation_round):
    """The measures of the round's year that `user` evaluates: all for the coordinator, their working
    groups' for a member."""
    return measures_of_year(evaluation_round.plan, evaluation_round.year).filter(group__in=evaluating_groups(user))


def get_measures_for_spreadsheet(user, evaluation_round, *, to_import):
    """The measures `user` exports in a spreadsheet of the round (to_import=False) or imports from
    one (True), with their indicators and activities: 404 for someone who evaluates none of them
    (the steering group reads the overview instead), 403 for a member importing into a locked year.
    A member still exports a locked year: reading their own figures changes nothing."""
    measures = list(evaluable_measures(user, evaluation_round).prefetch_related("indicators", "activities"))
    if not measures and not user.is_coordinator:
        raise Http404("The user evaluates no measure of this round.")
    if to_import and evaluation_round.is_locked and not user.is_coordinator:
        raise PermissionDenied("The year is locked; the coordinator corrects it.")
    return measures
