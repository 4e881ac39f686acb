"""docs/warehouse.md documents every table and view of a freshly migrated warehouse, every column of each:
a migration that adds a column without a line there fails here. The README's command reference is the one
the commands' help makes (flows.cli_docs): a command or option changed without it fails here."""

from __future__ import annotations

import re

from flows import cli_docs
from pledgetrack.warehouse import store
from tests.conftest import ROOT

DOC = ROOT / "docs" / "warehouse.md"


def _sections() -> dict[str, str]:
    """Relation name → the text of the section whose heading names it ('### missed, dropped, streaks')."""
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^###\s+(.+)$", text, flags=re.MULTILINE)
    return {name.strip(): body for heading, body in zip(parts[1::2], parts[2::2], strict=True)
            for name in heading.split(",")}  # fmt: skip


def test_every_relation_and_column_of_the_warehouse_is_documented(tmp_path):
    sections = _sections()
    with store.connect(tmp_path / "w.duckdb") as con:
        relations = [r for (r,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        missing = {}
        for relation in relations:
            if relation not in sections:
                missing[relation] = ["(no section)"]
                continue
            columns = [row[0] for row in con.execute(f"DESCRIBE {relation}").fetchall()]
            absent = [c for c in columns if f"`{c}`" not in sections[relation]]
            if absent:
                missing[relation] = absent
    assert len(relations) >= 30
    assert missing == {}, f"document these in {DOC}: {missing}"


def test_the_readme_command_reference_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert cli_docs.readme_section(readme) == cli_docs.reference(), (
        "README.md's command reference differs from the commands' help: run `python -m flows.cli_docs`"
    )


def test_the_reference_names_every_option_of_every_command():
    reference = cli_docs.reference()
    for name, command in cli_docs.commands().items():
        assert f"`pledgetrack {name}" in reference
        for param in command.params:
            if param.opts and param.opts[0] == "--help":
                continue
            assert f"`{cli_docs.described(param)}" in reference, f"{name}: {param.opts or param.metavar}"
