from django.urls import path

from groups import views

app_name = "groups"
urlpatterns = [
    path("skupiny/", views.group_list, name="group_list"),
    path("sprava/skupiny/<int:pk>/historie/", views.group_history, name="group_history"),
]
