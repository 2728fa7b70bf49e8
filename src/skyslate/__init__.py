"""skyslate: plan a film shoot on the ground or aboard a space station."""

__version__ = "0.1.0"
