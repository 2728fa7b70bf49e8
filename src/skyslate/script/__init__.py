"""script package."""
