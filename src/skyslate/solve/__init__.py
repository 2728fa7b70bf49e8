"""solve package."""
