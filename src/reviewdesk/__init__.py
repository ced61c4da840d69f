"""ReviewDesk: review policy briefs."""
__version__ = "0.1.0"
