from django.urls import path

from catalogue import downloads, staff_views, views

app_name = "catalogue"
urlpatterns = [
    path("katalog/", views.provider_list, name="provider_list"),
    path("katalog/<int:pk>/", views.service_detail, name="service_detail"),
    path("katalog/poskytovatel/<int:pk>/", views.provider_detail, name="provider_detail"),
    path("katalog/data.csv", downloads.export_csv, name="export_csv"),
    path("katalog/data.json", downloads.export_json, name="export_json"),
    path("katalog/katalog.pdf", downloads.catalogue_pdf, name="catalogue_pdf"),
    path("sprava/katalog/kapacity/", staff_views.capacity_overview, name="capacity_overview"),
    path("sprava/katalog/kapacity.csv", staff_views.capacity_csv, name="capacity_csv"),
]
