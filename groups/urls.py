from django.urls import path

from groups.views import documents, public, targets, tracker

app_name = "groups"
urlpatterns = [
    path("skupiny/", public.group_list, name="group_list"),
    path("skupiny/<slug:slug>/", public.group_detail, name="group_detail"),
    path("skupiny/<slug:slug>/jednani/<int:pk>/", public.meeting_detail, name="meeting_detail"),
    path("skupiny/<slug:slug>/jednani/<int:pk>/zapis.pdf", documents.minutes_pdf, name="minutes_pdf"),
    path("skupiny/<slug:slug>/jednani/<int:pk>/prilohy/<int:attachment_pk>/", documents.attachment_download,
         name="attachment_download"),
    path("sprava/skupiny/ukoly/", tracker.task_list, name="task_list"),
    path("sprava/skupiny/ukoly/<int:pk>/stav/", tracker.task_status, name="task_status"),
    path("sprava/skupiny/cile/", targets.targets_overview, name="targets_overview"),
    path("sprava/skupiny/cile/<int:pk>.csv", targets.targets_csv, name="targets_csv"),
    path("sprava/skupiny/<int:pk>/historie/", public.group_history, name="group_history"),
]
