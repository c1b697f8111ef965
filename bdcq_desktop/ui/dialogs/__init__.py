"""Dialogs specific to one area (members, units…), built on :mod:`..record_dialog`."""
