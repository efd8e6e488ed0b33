from django.shortcuts import render

from kpss.permissions import public


@public
def provider_list(request):
    return render(request, "catalogue/provider_list.html")
