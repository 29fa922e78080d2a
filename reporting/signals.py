"""What the reporting workflow tells the layers above it, which it does not know: a change of
progress was recorded (by any service, bulk writes included, which send no model signals).
Sent once the transaction that recorded it commits."""

from django.dispatch import Signal

# Sent with `reports` (the group reports whose history grew).
progress_recorded = Signal()
