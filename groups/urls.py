from django.urls import path

from groups.views import public

app_name = "groups"
urlpatterns = [
    path("skupiny/", public.group_list, name="group_list"),
    path("skupiny/<slug:slug>/", public.group_detail, name="group_detail"),
    path("skupiny/<slug:slug>/jednani/<int:pk>/", public.meeting_detail, name="meeting_detail"),
    path("sprava/skupiny/<int:pk>/historie/", public.group_history, name="group_history"),
]
