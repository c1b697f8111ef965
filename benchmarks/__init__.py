"""BCĐ Desktop's benchmarks: ``python -m benchmarks`` (``--quick`` to prove the suite works).

Imports nothing itself: the probes run as ``python -m benchmarks.NAME`` and must start as
light as the application they are compared with.
"""
