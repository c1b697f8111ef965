"""BCĐ Desktop: the secretariat of a provincial E-Government Steering Committee."""

__version__ = "0.1.0"
