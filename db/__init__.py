"""Sinergi's data layer: SQLModel tables, async sessions and services. Knows nothing of Telegram."""
