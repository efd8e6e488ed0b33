from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from planning.models import CommentRound, Plan


def home(request):
    plans_in_force = Plan.objects.filter(status=Plan.Status.IN_FORCE).order_by("kind", "-year_from")
    open_rounds = CommentRound.objects.open_now().order_by("closes_at")
    return render(request, "kpss/home.html", {"plans_in_force": plans_in_force, "open_rounds": open_rounds})


def accessibility_statement(request):
    return render(request, "kpss/accessibility_statement.html")


def documents(request):
    return render(request, "kpss/documents.html")


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not; for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
