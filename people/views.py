from django.views.generic import DetailView

from .models import Area, Organization, Person


class PersonDetailView(DetailView):
    model = Person


class OrganizationDetailView(DetailView):
    model = Organization


class AreaDetailView(DetailView):
    model = Area
