"""The folder tree is the architecture: the domain package never imports Prefect."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_domain_package_does_not_import_prefect():
    # every module, those of sub-packages (pledgetrack/extract/) too
    package = ROOT / "pledgetrack"
    modules = sorted(
        ".".join(("pledgetrack", *p.relative_to(package).with_suffix("").parts)).removesuffix(".__init__")
        for p in package.rglob("*.py")
    )
    assert "pledgetrack.extract.facts" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] == 'prefect'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_every_sql_file_is_a_numbered_migration():
    names = sorted(p.name for p in Path(ROOT / "sql").glob("*.sql"))
    assert names and all(name[:3].isdigit() and name[3] == "_" for name in names)
