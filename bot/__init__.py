"""Sinergi's Telegram layer: handlers, renderers, the outbox dispatcher and the simulated Telegram."""
