"""Light and orbit conditions turned into time windows (ground sites and orbital platforms)."""
