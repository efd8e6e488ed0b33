from django.shortcuts import render


def plan_list(request):
    return render(request, "planning/plan_list.html")


def comment_round_list(request):
    return render(request, "planning/comment_round_list.html")
