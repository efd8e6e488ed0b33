from django.shortcuts import render


def provider_list(request):
    return render(request, "catalogue/provider_list.html")
