from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from kpss import views
from kpss.passwords import PasswordResetForm
from kpss.permissions import public, signed_in

# Django's own views, with the same declarations as ours (kpss.permissions); the password
# change views already require a signed-in user.
auth_patterns = [
    path("prihlaseni/", public(views.SignInView.as_view()), name="login"),
    path("odhlaseni/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("zapomenute-heslo/", public(auth_views.PasswordResetView.as_view(form_class=PasswordResetForm)),
         name="password_reset"),
    path("zapomenute-heslo/odeslano/", public(auth_views.PasswordResetDoneView.as_view()),
         name="password_reset_done"),
    path("obnova-hesla/<uidb64>/<token>/", public(auth_views.PasswordResetConfirmView.as_view()),
         name="password_reset_confirm"),
    path("obnova-hesla/hotovo/", public(auth_views.PasswordResetCompleteView.as_view()),
         name="password_reset_complete"),
    path("zmena-hesla/", signed_in(auth_views.PasswordChangeView.as_view()), name="password_change"),
    path("zmena-hesla/hotovo/", signed_in(auth_views.PasswordChangeDoneView.as_view()), name="password_change_done"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("prohlaseni-o-pristupnosti/", views.accessibility_statement, name="accessibility_statement"),
    path("dokumenty/", views.documents, name="documents"),
    path("logo/", views.logo, name="logo"),
    path("healthz", views.healthz, name="healthz"),
    path("pdf/<int:pk>/stav/", views.pdf_status, name="pdf_status"),
    path("sprava/pdf/<int:pk>/vykreslit/", views.pdf_rerender, name="pdf_rerender"),
    path("", include(auth_patterns)),
    path("", include("planning.urls")),
    path("", include("groups.urls")),
    path("", include("catalogue.urls")),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

handler500 = views.server_error
