from django.urls import path

from groups import views

app_name = "groups"
urlpatterns = [
    path("skupiny/", views.group_list, name="group_list"),
]
