from django.shortcuts import render


def comment_round_list(request):
    return render(request, "planning/comment_round_list.html")
