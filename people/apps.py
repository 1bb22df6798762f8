from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("people")

    def ready(self):
        from . import pagecache
        from .history import mark_cascaded_deletion

        pagecache.watch_writes()

        pre_delete.connect(mark_cascaded_deletion, dispatch_uid="people.mark_cascaded_deletion")
