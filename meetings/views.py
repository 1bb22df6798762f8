from django.views.generic import DetailView

from .models import Meeting, Resolution


class MeetingDetailView(DetailView):
    def get_queryset(self):
        return Meeting.objects.published()


class ResolutionDetailView(DetailView):
    model = Resolution
