from django.urls import path

from catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("katalog/", views.provider_list, name="provider_list"),
]
