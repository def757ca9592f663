"""The shape of the package: the layer rule, light models, lint, and no class that does everything.

docs/architecture.md explains the layers; these tests keep them true.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import samskaping

PACKAGE = Path(samskaping.__file__).parent
ROOT = PACKAGE.parent.parent
BIN = Path(sys.executable).parent


def test_imports_keep_the_layer_rule_and_models_stay_light():
    """import-linter checks the contracts in pyproject.toml (layers, light models, models at the bottom)."""
    result = subprocess.run([BIN / "lint-imports", "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "3 kept, 0 broken" in result.stdout


def test_no_module_imports_itself_through_others():
    """No import cycle, type-checking imports included (grimp is import-linter's graph)."""
    import grimp

    graph = grimp.build_graph("samskaping")
    cycles = [
        (module, other)
        for module in graph.modules
        for other in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=other, imported=module)
    ]
    assert cycles == []


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.parametrize("page", ["samskaping.pages.participant", "samskaping.store"])
def test_a_phone_kernel_loads_no_plotting_graph_or_clustering_library(page):
    """The participant page is one Python process per phone: what it imports, every phone pays for."""
    # Babel reads the translations: a phone in bokmål (the source) needs none of it.
    heavy = ["matplotlib", "networkx", "numpy", "scipy", "sklearn", "openpyxl", "docx", "pptx", "fpdf", "segno",
             "babel"]
    code = f"import sys, {page}; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_concepts_live_in_subpackages_and_no_class_does_everything():
    top = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert len(top) <= 10, top
    assert {"core", "store", "stakeholders", "journeys", "ideas", "room", "reports", "pages", "server"} <= set(packages)
    sizes = {
        f"{path.relative_to(PACKAGE)}:{node.name}": node.end_lineno - node.lineno + 1
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
    }
    assert max(sizes.values()) <= 400, sorted(sizes.items(), key=lambda item: -item[1])[:3]


def test_tests_mirror_the_package():
    """Every subpackage has its test folder, so a newcomer finds a concept's tests where its code is."""
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    folders = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and any(p.glob("test_*.py"))}
    assert packages <= folders, sorted(packages - folders)
