"""The layers of DESIGN.md hold: the core never reaches for a front end, the CLI starts light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "skyslate"
CORE = ["script", "sky", "plan", "solve", "report"]
FRONT_ENDS = ("skyslate.cli", "skyslate.web", "skyslate.store")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", CORE)
def test_core_never_imports_a_front_end(package):
    offenders = []
    for path in (SRC / package).rglob("*.py"):
        for name in imported_modules(path):
            if name.startswith(FRONT_ENDS):
                offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert offenders == []


@pytest.mark.parametrize("package", CORE)
def test_core_never_prints_or_exits(package):
    offenders = []
    for path in (SRC / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = getattr(func, "id", None) or getattr(func, "attr", None)
                owner = getattr(getattr(func, "value", None), "id", None)
                if name == "print" and owner is None or (owner == "sys" and name == "exit"):
                    offenders.append(f"{path.relative_to(SRC)}:{node.lineno} calls {name}")
    assert offenders == []


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from skyslate.cli import main; "
        "rc = main(['--help']); "
        "heavy = [m for m in ('numpy', 'skyfield', 'ortools', 'matplotlib', 'fastapi', 'sqlalchemy') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_every_command_has_help(run_cli):
    from skyslate.cli import COMMANDS

    for name in COMMANDS:
        code, out, err = run_cli(name, "--help")
        assert code == 0, (name, err)
        assert "Usage: skyslate " + name in out


def test_unknown_command_is_a_usage_error(run_cli):
    code, _out, err = run_cli("fly-to-the-moon")
    assert code == 2
    assert "No such command" in err
