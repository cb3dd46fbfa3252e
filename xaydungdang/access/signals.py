"""Signals of the access app, for the layers above it to hook into (access imports none of them)."""

from django.dispatch import Signal

# Sent after an access-log row recording a read of personal data (kwargs: `log`, the AccessLog row); the
# notifications app alerts the administrators of bulk reads from it.
personal_data_read = Signal()
