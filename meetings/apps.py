from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("meetings")

    def ready(self):
        from people import metrics, pagecache

        from . import visibility  # models are importable only once the apps are ready
        from .metrics import JobCollector
        from .models import Meeting

        visibility.register()
        pagecache.register_expiry(Meeting.objects.seconds_until_next_publication)
        metrics.register(JobCollector())
