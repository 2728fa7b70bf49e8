"""Seeded random talent-scheduling instances by the published recipe.

Garcia de la Banda, Stuckey & Chu (2011), "Type 2" instances; the generator lives in
`skyslate.solve.talent_io.recipe_instance` (the tests use it too). `random_instance(n, m,
seed)` is the same instance for the same (n, m, seed).
"""

from __future__ import annotations

from skyslate.solve.talent_io import recipe_instance as random_instance

__all__ = ["random_instance"]
