from django.views.generic import DetailView

from .models import Indicator


class IndicatorDetailView(DetailView):
    model = Indicator
