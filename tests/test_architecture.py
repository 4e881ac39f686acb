"""The folder tree is the architecture: the domain package never imports Prefect; sql/ keeps tables
and views apart."""

import re
import subprocess
import sys

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


def test_sql_holds_numbered_migrations_of_tables_and_models_of_views():
    # sql/migrations/NNN_name.sql: tables, applied once each, in number order, never a view or a macro
    # (a view changed would need a new migration copying it); sql/models/name.sql: views and macros only,
    # CREATE OR REPLACE, made again by every migrate in name order (sql/README.md)
    sql = ROOT / "sql"
    files = sorted(str(p.relative_to(sql)) for p in sql.rglob("*") if p.is_file())
    migrations = [f for f in files if re.fullmatch(r"migrations/\d{3}_[a-z0-9_]+\.sql", f)]
    models = [f for f in files if re.fullmatch(r"models/[a-z][a-z0-9_]*\.sql", f)]
    assert len(migrations) >= 18 and len(models) >= 3
    assert sorted({f[11:14] for f in migrations}) == [f[11:14] for f in migrations]  # each number once
    assert [f for f in files if f not in migrations + models] == ["README.md", "migrations/rewritten.csv"]

    def statements(path: str) -> list[str]:
        text = re.sub(r"--[^\n]*", "", (sql / path).read_text(encoding="utf-8"))
        return [" ".join(s.split()[:4]).upper() for s in text.split(";") if s.strip()]

    views = re.compile(r"CREATE (OR REPLACE )?(VIEW|MACRO)")
    assert {f: s for f in migrations for s in statements(f) if views.match(s)} == {}
    made = {
        f: [s for s in statements(f) if not re.fullmatch(r"CREATE OR REPLACE (VIEW|MACRO)", s)]
        for f in models
    }
    assert made == {f: [] for f in models}
