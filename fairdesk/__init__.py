"""FairDesk: runs the day of a career fair."""

__version__ = "0.1.0"
