"""sky package."""
