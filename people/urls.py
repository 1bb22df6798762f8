from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("officials/<slug:slug>/", views.PersonDetailView.as_view(), name="detail"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization"),
    path("areas/<slug:slug>/", views.AreaDetailView.as_view(), name="area"),
]
