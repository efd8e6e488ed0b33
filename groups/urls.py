from django.urls import path

from groups.views import documents, minutes, public

app_name = "groups"
urlpatterns = [
    path("skupiny/", public.group_list, name="group_list"),
    path("skupiny/<slug:slug>/", public.group_detail, name="group_detail"),
    path("skupiny/<slug:slug>/jednani/<int:pk>/", public.meeting_detail, name="meeting_detail"),
    path("skupiny/<slug:slug>/jednani/<int:pk>/zapis.pdf", documents.minutes_pdf, name="minutes_pdf"),
    path("skupiny/<slug:slug>/jednani/<int:pk>/prilohy/<int:attachment_pk>/", documents.attachment_download,
         name="attachment_download"),
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
]
