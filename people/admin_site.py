"""The admin site's name, and the login-attempt records of django-axes kept out of the
editors' way: they move from the editors' admin to a second admin site, `/admin/security/`,
that only superusers may open (linked from the admin index for them alone)."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Meeting archive — Editing")
admin.site.site_title = _("Meeting archive — Editing")
admin.site.index_title = _("The editors' desk")


class SecurityAdminSite(admin.AdminSite):
    """Failed and successful admin logins, and lockouts: superusers only."""

    site_header = _("Meeting archive — Login attempts")
    site_title = _("Meeting archive — Login attempts")
    index_title = _("Login attempts")
    enable_nav_sidebar = False

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


security_site = SecurityAdminSite(name="security")

for model, model_admin in [
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    security_site.register(model, model_admin)
