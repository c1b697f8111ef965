"""The Qt GUI: a thin front end over ``bdcq_desktop.core``."""
