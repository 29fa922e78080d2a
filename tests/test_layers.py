"""The code keeps the shape of its domain: every app imports only the apps below it
(.importlinter, checked by import-linter), and modules and functions stay small."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LINT = Path(sys.executable).with_name("lint-imports")
APPS = (
    "core",
    "groups",
    "activities",
    "accounts",
    "reporting",
    "reports",
    "search",
    "spreadsheets",
    "pages",
    "workspace",
    "api",
    "backoffice",
    "firstrun",
    "cea_portal",
    "benchmarks",
)
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--config", str(root / ".importlinter"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_import_contract_is_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout, result.stdout


def test_an_upward_import_breaks_the_layers(tmp_path):
    """The contracts can fail: the same project with one domain app importing a reading page,
    inside a function as a lazy import would, is refused."""
    for name in (*APPS, ".importlinter"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "groups" / "upward.py").write_text("def home():\n    from pages import views\n")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert "groups.upward -> pages.views" in result.stdout, result.stdout


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_module_is_longer_than_300_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in _sources()
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert not long


def test_no_function_is_longer_than_60_lines():
    long = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if node.end_lineno - first + 1 > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = node.end_lineno - first + 1
    assert not long
