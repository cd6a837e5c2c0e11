"""Offline-first sync with the central PostgreSQL: outbox push, pull of what concerns the unit."""
