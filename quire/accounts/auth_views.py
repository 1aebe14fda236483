"""Django's login, logout and password-reset views, told the archive's name.

Without django.contrib.sites, Django names the site after the request's host ("127.0.0.1:8000") and puts
that in the page's and the reset email's `site_name`, over the one the context processor gives."""

from django.conf import settings
from django.contrib.auth import views as auth_views


class ArchiveNamed:
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "site_name": settings.SITE_NAME}


class LoginView(ArchiveNamed, auth_views.LoginView):
    pass


class LogoutView(ArchiveNamed, auth_views.LogoutView):
    pass


class PasswordResetView(ArchiveNamed, auth_views.PasswordResetView):
    def form_valid(self, form):
        self.extra_email_context = {**(self.extra_email_context or {}), "site_name": settings.SITE_NAME}
        return super().form_valid(form)
