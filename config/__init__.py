"""Loads the Celery application with Django, so `shared_task`s queue through it."""

from .celery import app as celery_app

__all__ = ("celery_app",)
