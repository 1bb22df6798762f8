from django.urls import path

from . import indexes, views

app_name = "indicators"

urlpatterns = [
    path("indicators/", indexes.IndicatorIndexView.as_view(), name="list"),
    path("indicators/<slug:slug>/", views.IndicatorDetailView.as_view(), name="detail"),
    path("indicators/<slug:slug>/data.csv", views.indicator_csv, name="csv"),
    path("indicators/<slug:slug>/chart.json", views.indicator_json, name="json"),
]
