from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("r/<str:token>/", views.manage, name="manage"),
]
