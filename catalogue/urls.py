from django.urls import path

from catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("katalog/", views.provider_list, name="provider_list"),
    path("katalog/<int:pk>/", views.service_detail, name="service_detail"),
    path("katalog/poskytovatel/<int:pk>/", views.provider_detail, name="provider_detail"),
]
