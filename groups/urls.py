from django.urls import path

from groups.views import documents, feeds, meetings, minutes, public, targets, tracker

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
    path("sprava/skupiny/ukoly/", tracker.task_list, name="task_list"),
    path("sprava/skupiny/ukoly/<int:pk>/stav/", tracker.task_status, name="task_status"),
    path("sprava/skupiny/cile/", targets.targets_overview, name="targets_overview"),
    path("sprava/skupiny/cile/<int:pk>.csv", targets.targets_csv, name="targets_csv"),
    # --- the minutes workspace ---
    path("sprava/skupiny/<slug:slug>/jednani/<int:pk>/zapis/", minutes.minutes_edit, name="minutes_edit"),
    path("sprava/skupiny/<slug:slug>/jednani/<int:pk>/zapis/oprava/", minutes.minutes_correct,
         name="minutes_correct"),
    path("sprava/skupiny/<slug:slug>/jednani/<int:pk>/zapis/schvalit/", minutes.minutes_approve,
         name="minutes_approve"),
    path("sprava/skupiny/<slug:slug>/jednani/<int:pk>/zapis/prilohy/", minutes.minutes_attachments,
         name="minutes_attachments"),
    path("sprava/skupiny/<slug:slug>/jednani/<int:pk>/zapis/prilohy/<int:attachment_pk>/smazat/",
         minutes.minutes_attachment_delete, name="minutes_attachment_delete"),
    path("sprava/skupiny/<slug:slug>/jednani/<int:pk>/zapis/podnet/", minutes.minutes_suggestion,
         name="minutes_suggestion"),
    path("sprava/skupiny/<int:pk>/historie/", public.group_history, name="group_history"),
    # The groups' staff pages: meetings before they take place
    path("sprava/skupiny/", meetings.staff_index, name="staff_index"),
    path("sprava/skupiny/<slug:slug>/jednani/novy/", meetings.meeting_create, name="meeting_create"),
    path("sprava/skupiny/<slug:slug>/jednani/<int:pk>/", meetings.meeting_manage, name="meeting_manage"),
    path("sprava/skupiny/<slug:slug>/jednani/<int:pk>/upravit/", meetings.meeting_edit, name="meeting_edit"),
    path("sprava/skupiny/<slug:slug>/jednani/<int:pk>/zrusit/", meetings.meeting_cancel, name="meeting_cancel"),
    path("sprava/skupiny/<slug:slug>/jednani/<int:pk>/pozvani/", meetings.invitation_add, name="invitation_add"),
    path("sprava/skupiny/<slug:slug>/jednani/<int:pk>/pozvani/<int:invitation_pk>/odebrat/",
         meetings.invitation_remove, name="invitation_remove"),
]
