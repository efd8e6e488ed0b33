from django.urls import path

from planning import views

app_name = "planning"
urlpatterns = [
    path("plany/", views.plan_list, name="plan_list"),
    path("pripominky/", views.comment_round_list, name="comment_round_list"),
]
