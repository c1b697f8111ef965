"""The Qt GUI: a thin front end over ``bdcq_desktop.core``."""

from .binding_guard import guard_none

# Before any widget: a defective binding would otherwise abort the process (see the module).
guard_none()
