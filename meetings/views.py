from django.shortcuts import render
from django.views.generic import DetailView

from .forms import SearchForm
from .models import Meeting, Resolution
from .search import site_search


class MeetingDetailView(DetailView):
    def get_queryset(self):
        return Meeting.objects.published()


class ResolutionDetailView(DetailView):
    model = Resolution


def search(request):
    """The search page: officials, documents, meetings, organizations and indicators."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    groups = site_search(form.cleaned_data["q"]) if form.is_valid() else []
    return render(request, "meetings/search.html", {"form": form, "groups": groups})
