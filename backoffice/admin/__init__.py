"""The Django admin, where the secretariat keeps the programme: one module per domain app."""

from . import accounts, activities, documents, drafting, groups, network, outbox, reporting  # noqa: F401  (registers them)
