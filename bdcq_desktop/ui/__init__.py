"""The Qt GUI: a thin front end over ``bdcq_desktop.core``."""

from .binding_guard import guard_singletons
from .source_scan import scan_without_cache

# Before any widget: a defective binding would otherwise abort the process (see the module).
guard_singletons()
# Before the rest of the application is imported: each module's source would stay in memory.
scan_without_cache()
