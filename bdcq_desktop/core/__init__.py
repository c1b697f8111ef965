"""Headless core: models, storage, services. Never imports Qt."""
