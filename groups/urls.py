from django.urls import path

from groups.views import documents, feeds, public

app_name = "groups"
urlpatterns = [
    path("skupiny/", public.group_list, name="group_list"),
    path("skupiny/kalendar.ics", feeds.calendar_all, name="calendar_all"),
    path("skupiny/<slug:slug>/", public.group_detail, name="group_detail"),
    path("skupiny/<slug:slug>/kalendar.ics", feeds.calendar_group, name="calendar_group"),
    path("skupiny/<slug:slug>/usneseni/", public.resolution_register, name="resolution_register"),
    path("skupiny/<slug:slug>/jednani/<int:pk>/", public.meeting_detail, name="meeting_detail"),
    path("skupiny/<slug:slug>/jednani/<int:pk>/zapis.pdf", documents.minutes_pdf, name="minutes_pdf"),
    path("skupiny/<slug:slug>/jednani/<int:pk>/prilohy/<int:attachment_pk>/", documents.attachment_download,
         name="attachment_download"),
    path("sprava/skupiny/<int:pk>/historie/", public.group_history, name="group_history"),
]
