"""Mail servers that fail, for tests of what the archive does when the outside world does not answer."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

FAILING = "mail_backends.FailingBackend"


class FailingBackend(BaseEmailBackend):
    """Every send fails, as when the SMTP server is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
